package dev.meshshop.platform.simulation;

/**
 * What a simulated system's delivery planted, so tests can check the mesh repairs and quarantines exactly this.
 *
 * @param records every record sent, copies and malformed ones included
 * @param duplicates records sent a second time
 * @param notJson records that are not JSON
 * @param noEventId envelopes without an event id
 * @param unknownType envelopes with a type the domain does not emit
 */
public record DeliveryTally(long records, long duplicates, long notJson, long noEventId, long unknownType) {

    /** The records that are malformed, whatever the way. */
    public long malformed() {
        return notJson + noEventId + unknownType;
    }
}
