package dev.meshshop.platform.pipelines;

import java.io.Serializable;
import java.util.Objects;

/**
 * A field of an event type that holds personal data, and how {@link MaskPersonalData} treats it before anything
 * is published. The field is a JSON pointer into the event data, such as {@code /customer/email}.
 */
public record PersonalField(String eventType, String field, Treatment treatment) implements Serializable {

    public PersonalField {
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(treatment, "treatment");
        EventData.pointer(field, "Personal field of " + eventType);
    }

    /** Replaced by its keyed hash: it still joins with the same value elsewhere in the mesh, but cannot be read. */
    public static PersonalField hash(String eventType, String field) {
        return new PersonalField(eventType, field, Treatment.HASH);
    }

    /** Removed: nobody downstream needs it, not even to join on. */
    public static PersonalField drop(String eventType, String field) {
        return new PersonalField(eventType, field, Treatment.DROP);
    }

    /** Kept, with the e-mail addresses, phone numbers and IBANs that people typed into it replaced. */
    public static PersonalField redactFreeText(String eventType, String field) {
        return new PersonalField(eventType, field, Treatment.REDACT_FREE_TEXT);
    }

    public enum Treatment {
        HASH,
        DROP,
        REDACT_FREE_TEXT
    }

    /** How the field is named in reasons and in the cleaning report's counts: {@code <type> <field>}. */
    @Override
    public String toString() {
        return eventType + " " + field;
    }
}
