package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * The coverages a pipeline found ({@link Completeness}), as JSON lines: how they reach the clean zone from wherever
 * the pipeline ran. One line per coverage: its event type, its period (ISO-8601) and its period numbers.
 */
final class CoverageLines {

    private CoverageLines() {}

    static TextIO.Write write(String prefix) {
        return TextIO.write().to(prefix).withSuffix(".jsonl");
    }

    static final class ToLine extends DoFn<Coverage, String> {

        private static final JsonFactory FACTORY = new JsonFactory();

        @ProcessElement
        public void process(@Element Coverage coverage, OutputReceiver<String> out) {
            var text = new StringWriter(64 + 8 * coverage.periods().size());
            try (JsonGenerator json = FACTORY.createGenerator(text)) {
                json.writeStartObject();
                json.writeStringField("event_type", coverage.eventType());
                json.writeStringField("period", coverage.period().toString());
                json.writeArrayFieldStart("periods");
                for (long period : coverage.periods()) {
                    json.writeNumber(period);
                }
                json.writeEndArray();
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.output(text.toString());
        }
    }
}
