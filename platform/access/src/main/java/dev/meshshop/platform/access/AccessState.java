package dev.meshshop.platform.access;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where an access request stands. A request starts {@code pending}; the product's owner approves or rejects it; an
 * approved request is a grant until the owner revokes it. Rejected and revoked are final: asking again is a new
 * request.
 */
public enum AccessState {
    PENDING,
    APPROVED,
    REJECTED,
    REVOKED;

    /** The state as the API and the log write it: {@code pending}, {@code approved}, ... */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code pending}, {@code approved}, ...; the error lists the states there are. */
    @JsonCreator
    public static AccessState of(String label) {
        return Arrays.stream(values())
                .filter(state -> state.label().equalsIgnoreCase(label))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("There is no access request state '"
                        + UserText.name(label)
                        + "'; the states are "
                        + Arrays.stream(values()).map(AccessState::label).toList()));
    }

    /** Whether a request in this state still counts against asking again: pending or approved. */
    boolean isOpen() {
        return this == PENDING || this == APPROVED;
    }
}
