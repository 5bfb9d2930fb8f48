package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReadRawEventsTests {

    @TempDir
    Path dir;

    static final String ENVELOPE = "{'topic':'shop.item-sold.v1','kafka_partition':2,'kafka_offset':41,"
            + "'event_id':'e-1','event_type':'ItemSold','schema_version':1,'occurred_at_us':1777593600000000,"
            + "'copies':2,";

    @Test
    void cutsTheNestedDataOutOfAnExportLineAsText() {
        String data = json("{'sku':'s-1','lines':[{'q':1},{'q':2}],'note':'a \\'quoted\\' } brace'}");

        var events = parse(json(ENVELOPE + "'data':") + data + "}");

        assertThat(events)
                .containsExactly(new RawEvent(
                        "shop.item-sold.v1", 2, 41, "e-1", "ItemSold", 1, 1_777_593_600_000_000L, data, 2));
    }

    @Test
    void readsTheCopyAnEarlierRunKept() {
        var events = parse(json(ENVELOPE + "'kept_copy':'shop.item-sold.v1/2@7','data':{}}"));

        assertThat(events.get(0).keptCopy()).isEqualTo("shop.item-sold.v1/2@7");
        assertThat(parse(json(ENVELOPE + "'kept_copy':null,'data':{}}")).get(0).keptCopy())
                .isNull();
    }

    @Test
    void readsDataGivenAsAStringToo() {
        var events = parse(json(ENVELOPE + "'data':'{\\'x\\':1}'}"));

        assertThat(events.get(0).data()).isEqualTo(json("{'x':1}"));
    }

    @Test
    void failsLoudlyOnALineItCannotRead() {
        assertThatThrownBy(() -> parse(json("{'topic':'t.a.v1'")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("raw zone export");
        assertThatThrownBy(() -> parse(json("{'topic':'t.a.v1'}"))).hasMessageContaining("without its columns");
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(longs = {1, 2, 7, 64, 1000, 1 << 20})
    void chunksThatCoverTheFileSeeEveryLineExactlyOnce(long chunkBytes) throws Exception {
        var random = new Random(7);
        var written = IntStream.range(0, 200)
                .mapToObj(i -> "line " + i + " " + "é€x".repeat(random.nextInt(20)))
                .toList();

        assertThat(readInChunks(written, chunkBytes)).containsExactlyElementsOf(written);
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(longs = {1000, 70_000, 1 << 20})
    void linesLongerThanTheReadersBufferAreReadWhole(long chunkBytes) throws Exception {
        var written = List.of("short", "long " + "é€x".repeat(15_000), "short again", "x".repeat(140_000), "end");

        assertThat(readInChunks(written, chunkBytes)).containsExactlyElementsOf(written);
    }

    private List<String> readInChunks(List<String> lines, long chunkBytes) throws Exception {
        Path file = dir.resolve("export-" + chunkBytes + ".jsonl");
        // with and without a break after the last line
        Files.writeString(file, String.join("\n", lines) + (chunkBytes % 2 == 0 ? "\n" : ""));
        var read = new ArrayList<String>();
        for (long start = 0; start < Files.size(file); start += chunkBytes) {
            ReadRawEvents.readLines(file, start, start + chunkBytes, read::add);
        }
        return read;
    }

    @Test
    void aPipelineReadsEveryEventOfAnExportCutIntoManyChunks() throws Exception {
        var lines = new ArrayList<String>();
        for (int i = 0; i < 500; i++) {
            lines.add(json(ENVELOPE.replace("e-1", "e-" + i) + "'data':{'n':" + i + "}}"));
        }
        Path file = dir.resolve("raw.jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");

        var pipeline = TestPipeline.create().enableAbandonedNodeEnforcement(false);
        var ids = pipeline.apply(new ReadRawEvents(file.toString(), 10_000))
                .apply(MapElements.into(TypeDescriptors.strings()).via(RawEvent::eventId));
        PAssert.that(ids)
                .containsInAnyOrder(
                        IntStream.range(0, 500).mapToObj(i -> "e-" + i).toList());
        pipeline.run().waitUntilFinish();
    }

    private static List<RawEvent> parse(String line) {
        return List.of(ReadRawEvents.parse(line));
    }
}
