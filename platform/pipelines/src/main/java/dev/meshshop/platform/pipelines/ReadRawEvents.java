package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the raw zone as the platform exports it for a pipeline run: one JSON line per stored record.
 * The export is the platform's own, so a line that cannot be read is a bug, not bad data: it fails the run.
 */
final class ReadRawEvents extends PTransform<PBegin, PCollection<RawEvent>> {

    private final String file;

    ReadRawEvents(String file) {
        this.file = file;
    }

    @Override
    public PCollection<RawEvent> expand(PBegin begin) {
        return begin.apply("ReadExport", TextIO.read().from(file))
                .apply("ParseExportLine", ParDo.of(new ParseLine()))
                .setCoder(RawEvent.Coder.of());
    }

    /** The columns of the export, as {@code CleaningStage} writes them. */
    record ExportLine(
            String topic,
            int kafkaPartition,
            long kafkaOffset,
            String eventId,
            String eventType,
            int schemaVersion,
            long occurredAtUs,
            String data) {}

    static final class ParseLine extends DoFn<String, RawEvent> {

        private static final ObjectMapper JSON = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

        @ProcessElement
        public void process(@Element String line, OutputReceiver<RawEvent> out) throws IOException {
            var row = JSON.readValue(line, ExportLine.class);
            out.output(new RawEvent(
                    row.topic(),
                    row.kafkaPartition(),
                    row.kafkaOffset(),
                    row.eventId(),
                    row.eventType(),
                    row.schemaVersion(),
                    row.occurredAtUs(),
                    row.data()));
        }
    }
}
