package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Writes the rows of a clean table as newline-delimited JSON files, the hand-over format from a pipeline
 * to the domain's DuckDB area. Timestamps are written as UTC {@code yyyy-MM-dd HH:mm:ss.SSS}; JSON columns
 * are written as nested JSON.
 */
final class WriteNdjson extends PTransform<PCollection<Row>, PDone> {

    private final CleanTable table;
    private final String prefix;

    WriteNdjson(CleanTable table, String prefix) {
        this.table = table;
        this.prefix = prefix;
    }

    @Override
    public PDone expand(PCollection<Row> rows) {
        return rows.apply("ToJsonLine", ParDo.of(new ToLine(table)))
                .apply("WriteFiles", TextIO.write().to(prefix).withSuffix(".jsonl"));
    }

    static final class ToLine extends DoFn<Row, String> {

        private static final JsonFactory FACTORY = new JsonFactory();
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

        private final CleanTable table;

        ToLine(CleanTable table) {
            this.table = table;
        }

        @ProcessElement
        public void process(@Element Row row, OutputReceiver<String> out) {
            var text = new StringWriter(256);
            try (JsonGenerator json = FACTORY.createGenerator(text)) {
                json.writeStartObject();
                var columns = table.columns();
                for (int i = 0; i < columns.size(); i++) {
                    var column = columns.get(i);
                    json.writeFieldName(column.name());
                    Object value = row.getValue(i);
                    if (value == null) {
                        json.writeNull();
                    } else {
                        switch (column.type()) {
                            case STRING -> json.writeString((String) value);
                            case JSON -> json.writeRawValue((String) value);
                            case INTEGER -> json.writeNumber((Integer) value);
                            case BIGINT -> json.writeNumber((Long) value);
                            case DOUBLE -> json.writeNumber((Double) value);
                            case DECIMAL -> json.writeNumber((BigDecimal) value);
                            case BOOLEAN -> json.writeBoolean((Boolean) value);
                            case TIMESTAMP ->
                                json.writeString(TIME.format(
                                        java.time.Instant.ofEpochMilli(((ReadableInstant) value).getMillis())));
                        }
                    }
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.output(text.toString());
        }
    }
}
