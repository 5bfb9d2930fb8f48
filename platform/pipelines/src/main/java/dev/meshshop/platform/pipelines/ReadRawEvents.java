package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.meshshop.platform.events.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the raw zone as the platform exports it for a pipeline run: one JSON line per stored record.
 * The export is the platform's own, so a line that cannot be read is a bug, not bad data: it fails the run.
 *
 * <p>The file is cut into chunks of bytes that the runner spreads over its workers; each worker reads the lines
 * that start in its chunks and parses them in the same step. This is several times faster than reading through
 * {@code TextIO}, whose line reader was the largest single cost of cleaning on Flink (see docs/adr/0002).
 *
 * <p>A line is not an event's envelope: ingest decoded each envelope once ({@code EventCodec.decode}) and stored
 * its fields as the raw zone's columns; the export writes those columns and the envelope's data object, so nothing
 * here reads an envelope again.
 */
final class ReadRawEvents extends PTransform<PBegin, PCollection<RawEvent>> {

    /** How many bytes of the export one worker reads at a time. */
    static final long CHUNK_BYTES = 4L << 20;

    private final String file;
    private final long chunkBytes;

    ReadRawEvents(String file) {
        this(file, CHUNK_BYTES);
    }

    ReadRawEvents(String file, long chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("A chunk of the export has at least one byte, was " + chunkBytes);
        }
        this.file = file;
        this.chunkBytes = chunkBytes;
    }

    @Override
    public PCollection<RawEvent> expand(PBegin begin) {
        long size;
        try {
            size = Files.size(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the raw zone export " + file, e);
        }
        var starts = new ArrayList<Long>();
        for (long start = 0; start < Math.max(size, 1); start += chunkBytes) {
            starts.add(start);
        }
        return begin.apply("ChunksOfExport", Create.of(starts).withCoder(VarLongCoder.of()))
                .apply("SpreadChunks", Reshuffle.viaRandomKey())
                .apply("ReadAndParseLines", ParDo.of(new ReadChunk(file, chunkBytes)))
                .setCoder(RawEvent.Coder.of());
    }

    /** Reads and parses the lines that start in one chunk of the export. */
    static final class ReadChunk extends DoFn<Long, RawEvent> {

        private final String file;
        private final long chunkBytes;

        ReadChunk(String file, long chunkBytes) {
            this.file = file;
            this.chunkBytes = chunkBytes;
        }

        @ProcessElement
        public void process(@Element Long start, OutputReceiver<RawEvent> out) throws IOException {
            readLines(Path.of(file), start, start + chunkBytes, line -> out.output(parse(line)));
        }
    }

    /**
     * Calls {@code lines} with every line of {@code file} whose first byte lies in {@code [start, end)}, without its
     * line break. Chunks that together cover the file therefore see every line exactly once.
     */
    static void readLines(Path file, long start, long end, Consumer<String> lines) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            var reader = new LineReader(channel, Math.max(0, start - 1));
            long lineStart = start;
            if (start > 0) {
                // the line that begins before the chunk belongs to the chunk before; skip through its break
                lineStart = reader.skipLine();
            }
            while (lineStart >= 0 && lineStart < end) {
                String line = reader.nextLine();
                if (line == null) {
                    return;
                }
                if (!line.isEmpty()) {
                    lines.accept(line);
                }
                lineStart = reader.position();
            }
        }
    }

    /** A line reader over bytes that knows the file position of the next line; lines are UTF-8. */
    private static final class LineReader {

        private final FileChannel channel;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        private byte[] line = new byte[1024];
        private long position;
        private boolean endOfFile;

        LineReader(FileChannel channel, long position) throws IOException {
            this.channel = channel;
            this.position = position;
            channel.position(position);
            buffer.flip();
        }

        long position() {
            return position;
        }

        /** Skips through the next line break; returns the position after it, or -1 at the end of the file. */
        long skipLine() throws IOException {
            return nextLine() == null ? -1 : position;
        }

        /** The next line without its break, or null at the end of the file. */
        String nextLine() throws IOException {
            int length = 0;
            boolean any = false;
            while (true) {
                if (!buffer.hasRemaining() && !fill()) {
                    return any ? text(length) : null;
                }
                any = true;
                byte[] bytes = buffer.array();
                int from = buffer.position();
                int limit = buffer.limit();
                int at = from;
                while (at < limit && bytes[at] != '\n') {
                    at++;
                }
                int taken = at - from;
                if (length + taken > line.length) {
                    line = Arrays.copyOf(line, Math.max(line.length * 2, length + taken));
                }
                System.arraycopy(bytes, from, line, length, taken);
                length += taken;
                position += taken;
                if (at < limit) {
                    buffer.position(at + 1);
                    position++;
                    return text(length);
                }
                buffer.position(limit);
            }
        }

        private String text(int length) {
            if (length > 0 && line[length - 1] == '\r') {
                length--;
            }
            return new String(line, 0, length, StandardCharsets.UTF_8);
        }

        private boolean fill() throws IOException {
            if (endOfFile) {
                return false;
            }
            buffer.clear();
            int read = channel.read(buffer);
            buffer.flip();
            if (read <= 0) {
                endOfFile = true;
                return false;
            }
            return true;
        }
    }

    /** Parses one line of the export; fails naming the line when it cannot. */
    static RawEvent parse(String line) {
        try {
            return ParseLine.parse(line);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "The raw zone export has a line that cannot be read (" + e.getMessage() + "): "
                            + ParseLine.abbreviate(line),
                    e);
        }
    }

    /**
     * Reads one export line with a streaming parser. The event's data is a nested JSON object in the line; it
     * is cut out as text, not parsed, because structuring parses it once, later, for the columns it needs.
     */
    static final class ParseLine {

        private static final JsonFactory JSON = new JsonFactory();

        private ParseLine() {}

        static RawEvent parse(String line) throws IOException {
            String topic = null;
            String eventId = null;
            String eventType = null;
            String data = null;
            int partition = -1;
            long offset = -1;
            int schemaVersion = 0;
            long occurredAtMicros = 0;
            int copies = RawEvent.UNKNOWN_COPIES;
            String keptCopy = null;
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
                        case "kept_copy" -> keptCopy = token == JsonToken.VALUE_NULL ? null : parser.getText();
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
            }
            if (topic == null || eventId == null || eventType == null || data == null || offset < 0) {
                throw new IllegalStateException(
                        "The raw zone export has a line without its columns: " + abbreviate(line));
            }
            return new RawEvent(
                    topic,
                    partition,
                    offset,
                    eventId,
                    eventType,
                    schemaVersion,
                    occurredAtMicros,
                    data,
                    copies,
                    keptCopy);
        }

        static String abbreviate(String line) {
            return EventCodec.abbreviate(line, 200);
        }
    }
}
