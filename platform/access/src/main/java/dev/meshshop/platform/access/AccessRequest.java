package dev.meshshop.platform.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A consumer domain's request to read a product, for a purpose, with every state change it went through, oldest
 * first. The product's owner domain decides it.
 */
public record AccessRequest(
        String id,
        String consumer,
        String product,
        String purpose,
        AccessState state,
        Instant requestedAt,
        List<StateChange> history) {

    public AccessRequest {
        history = List.copyOf(history);
    }

    /** This request after {@code change}. */
    AccessRequest then(StateChange change) {
        var changes = new ArrayList<>(history);
        changes.add(change);
        return new AccessRequest(id, consumer, product, purpose, change.state(), requestedAt, changes);
    }
}
