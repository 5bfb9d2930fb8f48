package dev.meshshop.platform.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of the access log: a request entering a state. The line that files a request ({@code pending}) also
 * names the consumer, the product and the purpose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LogEntry(
        String id,
        AccessState state,
        String actor,
        Instant at,
        String reason,
        String consumer,
        String product,
        String purpose) {

    static LogEntry filed(AccessRequest request, String actor) {
        return new LogEntry(
                request.id(),
                AccessState.PENDING,
                actor,
                request.requestedAt(),
                null,
                request.consumer(),
                request.product(),
                request.purpose());
    }

    static LogEntry changed(String id, StateChange change) {
        return new LogEntry(id, change.state(), change.actor(), change.at(), change.reason(), null, null, null);
    }

    StateChange change() {
        return new StateChange(state, actor, at, reason);
    }
}
