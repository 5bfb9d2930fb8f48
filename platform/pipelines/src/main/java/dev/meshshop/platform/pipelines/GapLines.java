package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;

/** The gaps a pipeline found, as JSON lines: how they reach the cleaning report from wherever the pipeline ran. */
final class GapLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GapLines() {}

    static TextIO.Write write(String prefix) {
        return TextIO.write().to(prefix).withSuffix(".jsonl");
    }

    /** The gaps in the JSON-lines files of {@code dir}, by event type and time; none when there is no folder. */
    static List<Gap> read(Path dir) throws IOException {
        var gaps = new ArrayList<Gap>();
        if (!Files.isDirectory(dir)) {
            return gaps;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(file -> file.getFileName().toString().endsWith(".jsonl"))
                    .toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        gaps.add(gap(JSON.readTree(line)));
                    }
                }
            }
        }
        gaps.sort(Comparator.comparing(Gap::eventType).thenComparing(Gap::from));
        return gaps;
    }

    private static Gap gap(JsonNode line) {
        return new Gap(
                line.get("event_type").asText(),
                Instant.parse(line.get("from").asText()),
                Instant.parse(line.get("to").asText()),
                line.get("missing_periods").asLong(),
                Duration.parse(line.get("period").asText()));
    }

    static final class ToLine extends DoFn<Gap, String> {

        private static final JsonFactory FACTORY = new JsonFactory();

        @ProcessElement
        public void process(@Element Gap gap, OutputReceiver<String> out) {
            var text = new StringWriter(160);
            try (JsonGenerator json = FACTORY.createGenerator(text)) {
                json.writeStartObject();
                json.writeStringField("event_type", gap.eventType());
                json.writeStringField("from", gap.from().toString());
                json.writeStringField("to", gap.to().toString());
                json.writeNumberField("missing_periods", gap.missingPeriods());
                json.writeStringField("period", gap.period().toString());
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.output(text.toString());
        }
    }
}
