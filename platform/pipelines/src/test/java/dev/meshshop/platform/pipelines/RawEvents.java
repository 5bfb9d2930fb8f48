package dev.meshshop.platform.pipelines;

/** An object mother for raw events in pipeline tests. */
final class RawEvents {

    static final String TOPIC = "shop.item-sold.v1";
    static final long MAY_FIRST_MICROS = 1_777_593_600_000_000L; // 2026-05-01T00:00:00Z
    static final long HOUR_MICROS = 3_600_000_000L;

    /** A salt for tests, long enough to be accepted. */
    static final PersonalDataSalt SALT = PersonalDataSalt.of("a salt for the pipeline tests");

    private RawEvents() {}

    static RawEvent itemSold(String eventId, long offset, String data) {
        return new RawEvent(TOPIC, 0, offset, eventId, "ItemSold", 1, MAY_FIRST_MICROS, data);
    }

    static RawEvent itemSold(String eventId, long offset) {
        return itemSold(eventId, offset, "{\"sku\":\"sku-1\",\"quantity\":2,\"price\":9.99}");
    }

    /** An event of any type on the shop's topic, with id {@code e-<offset>}, on the first of May. */
    static RawEvent event(String eventType, int schemaVersion, long offset, String data) {
        return new RawEvent(
                "shop.events.v1", 0, offset, "e-" + offset, eventType, schemaVersion, MAY_FIRST_MICROS, data);
    }

    static RawEvent at(RawEvent event, long occurredAtMicros) {
        return with(event, occurredAtMicros, event.copies());
    }

    static RawEvent withCopies(RawEvent event, int copies) {
        return with(event, event.occurredAtMicros(), copies);
    }

    /** JSON written with single quotes, for readability; an escaped \' becomes an escaped double quote. */
    static String json(String singleQuoted) {
        return singleQuoted.replace("\\'", "\u0000").replace('\'', '"').replace("\u0000", "\\\"");
    }

    private static RawEvent with(RawEvent event, long occurredAtMicros, int copies) {
        return new RawEvent(
                event.topic(),
                event.partition(),
                event.offset(),
                event.eventId(),
                event.eventType(),
                event.schemaVersion(),
                occurredAtMicros,
                event.data(),
                copies,
                event.keptCopy());
    }

    /** The event as a run sees it when an earlier run kept the copy at {@code keptCopy}. */
    static RawEvent keptBefore(RawEvent event, String keptCopy) {
        return new RawEvent(
                event.topic(),
                event.partition(),
                event.offset(),
                event.eventId(),
                event.eventType(),
                event.schemaVersion(),
                event.occurredAtMicros(),
                event.data(),
                event.copies(),
                keptCopy);
    }
}
