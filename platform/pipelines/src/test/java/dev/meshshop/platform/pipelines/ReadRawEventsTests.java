package dev.meshshop.platform.pipelines;

import static dev.meshshop.platform.pipelines.RawEvents.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class ReadRawEventsTests {

    static final String ENVELOPE = "{'topic':'shop.item-sold.v1','kafka_partition':2,'kafka_offset':41,"
            + "'event_id':'e-1','event_type':'ItemSold','schema_version':1,'occurred_at_us':1777593600000000,"
            + "'copies':2,";

    @Test
    void cutsTheNestedDataOutOfAnExportLineAsText() throws Exception {
        String data = json("{'sku':'s-1','lines':[{'q':1},{'q':2}],'note':'a \\'quoted\\' } brace'}");

        var events = parse(json(ENVELOPE + "'data':") + data + "}");

        assertThat(events)
                .containsExactly(new RawEvent(
                        "shop.item-sold.v1", 2, 41, "e-1", "ItemSold", 1, 1_777_593_600_000_000L, data, 2));
    }

    @Test
    void readsDataGivenAsAStringToo() throws Exception {
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

    private static List<RawEvent> parse(String line) throws Exception {
        var out = new ArrayList<RawEvent>();
        new ReadRawEvents.ParseLine().process(line, new DoFn.OutputReceiver<>() {
            @Override
            public void output(RawEvent output) {
                out.add(output);
            }

            @Override
            public void outputWithTimestamp(RawEvent output, Instant timestamp) {
                out.add(output);
            }
        });
        return out;
    }
}
