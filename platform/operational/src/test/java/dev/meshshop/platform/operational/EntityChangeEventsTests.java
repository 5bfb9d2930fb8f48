package dev.meshshop.platform.operational;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.events.EntityChanged;
import dev.meshshop.platform.events.Envelope;
import dev.meshshop.platform.events.EventCodec;
import dev.meshshop.platform.events.EventType;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An entity change travels as an event the ingest takes like any other. */
class EntityChangeEventsTests {

    static final EventType<EntityChanged> ARTICLE_CHANGED =
            new EventType<>("fulfillment.article-changed.v1", "ArticleChanged", 1, EntityChanged.class);

    @Test
    void thePositionIsTheEventIdAndTheTimeOfChangeTheEventsTime() {
        var change = new EntityChange(
                "articles",
                "sku-0007",
                EntityChange.Operation.UPDATED,
                Map.of("id", "sku-0007", "price", "17.49", "listed", false),
                Instant.parse("2025-06-01T08:00:00Z"),
                "erp:24216392:articles:sku-0007",
                24216392L);
        var codec = new EventCodec();

        var decoded = codec.decode(
                new EntityChangeEvents(codec).encode(ARTICLE_CHANGED, change),
                ARTICLE_CHANGED.topic(),
                Set.of(ARTICLE_CHANGED.name()));

        assertThat(decoded).isInstanceOf(Envelope.class);
        var envelope = (Envelope) decoded;
        assertThat(envelope.eventId()).isEqualTo("erp:24216392:articles:sku-0007");
        assertThat(envelope.occurredAt()).isEqualTo(Instant.parse("2025-06-01T08:00:00Z"));
        assertThat(envelope.type()).isEqualTo("ArticleChanged");
        assertThat(envelope.json())
                .contains("\"key\":\"sku-0007\"")
                .contains("\"operation\":\"UPDATED\"")
                .contains("\"sequence\":24216392")
                .contains("\"price\":\"17.49\"")
                .contains("\"listed\":false");
    }
}
