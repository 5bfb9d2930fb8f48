package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

    /**
     * Reads one export line with a streaming parser. The event's data is a nested JSON object in the line; it
     * is cut out as text, not parsed, because structuring parses it once, later, for the columns it needs.
     */
    static final class ParseLine extends DoFn<String, RawEvent> {

        private static final JsonFactory JSON = new JsonFactory();

        @ProcessElement
        public void process(@Element String line, OutputReceiver<RawEvent> out) throws IOException {
            String topic = null;
            String eventId = null;
            String eventType = null;
            String data = null;
            int partition = -1;
            long offset = -1;
            int schemaVersion = 0;
            long occurredAtMicros = 0;
            int copies = RawEvent.UNKNOWN_COPIES;
            try (JsonParser parser = JSON.createParser(line)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken token = parser.nextToken();
                    switch (field) {
                        case "topic" -> topic = parser.getText();
                        case "kafka_partition" -> partition = parser.getIntValue();
                        case "kafka_offset" -> offset = parser.getLongValue();
                        case "event_id" -> eventId = parser.getText();
                        case "event_type" -> eventType = parser.getText();
                        case "schema_version" -> schemaVersion = parser.getIntValue();
                        case "occurred_at_us" -> occurredAtMicros = parser.getLongValue();
                        case "copies" -> copies = parser.getIntValue();
                        case "data" -> {
                            if (token == JsonToken.VALUE_STRING) {
                                data = parser.getText();
                            } else {
                                int start = (int) parser.currentTokenLocation().getCharOffset();
                                parser.skipChildren();
                                data = line.substring(
                                        start, (int) parser.currentLocation().getCharOffset());
                            }
                        }
                        default -> parser.skipChildren();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(
                        "The raw zone export has a line that cannot be read (" + e.getMessage() + "): "
                                + abbreviate(line),
                        e);
            }
            if (topic == null || eventId == null || eventType == null || data == null || offset < 0) {
                throw new IllegalStateException(
                        "The raw zone export has a line without its columns: " + abbreviate(line));
            }
            out.output(new RawEvent(
                    topic, partition, offset, eventId, eventType, schemaVersion, occurredAtMicros, data, copies));
        }

        private static String abbreviate(String line) {
            return line.length() > 200 ? line.substring(0, 197) + "..." : line;
        }
    }
}
