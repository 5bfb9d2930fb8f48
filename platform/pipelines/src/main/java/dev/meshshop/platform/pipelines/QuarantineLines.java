package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;

/** Set-aside events as JSON lines: rule, reason and where the event is in the raw zone. */
final class QuarantineLines {

    private QuarantineLines() {}

    static TextIO.Write write(String prefix) {
        return TextIO.write().to(prefix).withSuffix(".jsonl");
    }

    static final class ToLine extends DoFn<Quarantined, String> {

        private static final JsonFactory FACTORY = new JsonFactory();

        @ProcessElement
        public void process(@Element Quarantined quarantined, OutputReceiver<String> out) {
            var text = new StringWriter(256);
            var event = quarantined.event();
            try (JsonGenerator json = FACTORY.createGenerator(text)) {
                json.writeStartObject();
                json.writeStringField("rule", quarantined.rule());
                json.writeStringField("reason", quarantined.reason());
                json.writeStringField("topic", event.topic());
                json.writeNumberField("kafka_partition", event.partition());
                json.writeNumberField("kafka_offset", event.offset());
                json.writeStringField("event_id", event.eventId());
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.output(text.toString());
        }
    }
}
