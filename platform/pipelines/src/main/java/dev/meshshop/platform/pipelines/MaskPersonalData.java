package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Masks the fields classified as personal ({@link PersonalField}) before anything is structured and published.
 *
 * <ul>
 *   <li>Hash: the value becomes the hex HMAC-SHA256 of its text under the mesh's {@link PersonalDataSalt}
 *       (a value that is not text is hashed as its JSON text). Equal values still join, across domains too; a
 *       dictionary of likely values does not reverse them without the salt, as it would a plain hash.
 *   <li>Drop: the field is removed.
 *   <li>Redact free text: in a text field, e-mail addresses, phone numbers and IBANs become {@code [email]},
 *       {@code [phone]} and {@code [iban]}, because people type them where nobody asked, such as a search box.
 * </ul>
 *
 * An event without the field has nothing to mask and passes. An event of a type with personal fields whose data
 * is not JSON cannot be masked, so it is routed to quarantine rather than passed on. The cleaning report counts
 * {@code masked/<type> <field> hashed} (or {@code dropped}) per event, and {@code redacted/<type> <field> email}
 * (or {@code phone}, {@code iban}) per replacement.
 */
public final class MaskPersonalData extends PTransform<PCollection<RawEvent>, Routed<RawEvent>> {

    private static final TupleTag<RawEvent> MASKED = new TupleTag<>("masked") {};

    private final PersonalDataSalt salt;
    private final List<PersonalField> fields;

    private MaskPersonalData(PersonalDataSalt salt, List<PersonalField> fields) {
        this.salt = Objects.requireNonNull(salt, "MaskPersonalData needs the mesh's salt: plan.personalDataSalt()");
        this.fields = List.copyOf(fields);
        var seen = new HashSet<String>();
        for (PersonalField field : fields) {
            if (!seen.add(field.toString())) {
                throw new IllegalArgumentException(
                        "Personal field " + field + " is listed twice; give it one treatment");
            }
        }
    }

    public static MaskPersonalData with(PersonalDataSalt salt, PersonalField... fields) {
        return new MaskPersonalData(salt, List.of(fields));
    }

    @Override
    public Routed<RawEvent> expand(PCollection<RawEvent> events) {
        var tuple = events.apply(
                "MaskPersonalFields",
                ParDo.of(new Mask(salt, fields)).withOutputTags(MASKED, TupleTagList.of(Routed.QUARANTINE)));
        return Routed.of(tuple, MASKED, RawEvent.Coder.of());
    }

    /** What free-text redaction looks for, in this order: an e-mail address may hold digits, an IBAN does. */
    enum FreeText {
        EMAIL("[email]", "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}"),
        IBAN("[iban]", "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b"),
        /**
         * At least seven digits, separated by at most two of {@code space . / ( ) -}, that start as dialled:
         * with {@code +}, {@code (} or {@code 0}. Dates and amounts do not, so they stay.
         */
        PHONE("[phone]", "(?<![\\w+(])(?:\\+\\d|\\(\\d|0)(?:[ ./()-]{0,2}\\d){6,}(?!\\w)");

        private final String placeholder;
        private final Pattern pattern;

        FreeText(String placeholder, String regex) {
            this.placeholder = placeholder;
            this.pattern = Pattern.compile(regex);
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final class Mask extends DoFn<RawEvent, RawEvent> {

        private final PersonalDataSalt salt;
        private final Map<String, List<Target>> targetsByType = new HashMap<>();
        private transient Mac mac;

        Mask(PersonalDataSalt salt, List<PersonalField> fields) {
            this.salt = salt;
            for (PersonalField field : fields) {
                targetsByType
                        .computeIfAbsent(field.eventType(), type -> new ArrayList<>())
                        .add(new Target(field));
            }
        }

        @Setup
        public void setUp() {
            mac = hmac(salt);
        }

        @ProcessElement
        public void process(@Element RawEvent event, MultiOutputReceiver out) {
            var targets = targetsByType.get(event.eventType());
            if (targets == null) {
                out.get(MASKED).output(event);
                return;
            }
            JsonNode data = EventData.read(event, out.get(Routed.QUARANTINE));
            if (data == null) {
                return;
            }
            boolean masked = false;
            for (Target target : targets) {
                masked |= target.mask(data, mac);
            }
            out.get(MASKED).output(masked ? event.withData(EventData.write(data)) : event);
        }
    }

    /** One personal field, with its pointer compiled and its counters. */
    static final class Target implements Serializable {

        private final PersonalField field;
        private final JsonPointer pointer;
        /** Counts hashed or dropped values; free text is counted per kind of replacement instead. */
        private final Counter masked;

        private final Map<FreeText, Counter> redacted = new EnumMap<>(FreeText.class);

        Target(PersonalField field) {
            this.field = field;
            this.pointer = JsonPointer.compile(field.field());
            this.masked = switch (field.treatment()) {
                case HASH -> ChangeCounts.counter("masked", field + " hashed");
                case DROP -> ChangeCounts.counter("masked", field + " dropped");
                case REDACT_FREE_TEXT -> null;
            };
            if (field.treatment() == PersonalField.Treatment.REDACT_FREE_TEXT) {
                for (FreeText kind : FreeText.values()) {
                    redacted.put(kind, ChangeCounts.counter("redacted", field + " " + kind.label()));
                }
            }
        }

        /** Masks the field in {@code data}; true when something changed. */
        boolean mask(JsonNode data, Mac mac) {
            JsonNode value = EventData.get(data, pointer);
            if (value == null) {
                return false;
            }
            return switch (field.treatment()) {
                case HASH -> {
                    String text = value.isTextual() ? value.asText() : value.toString();
                    EventData.replace(data, pointer, TextNode.valueOf(hash(mac, text)));
                    masked.inc();
                    yield true;
                }
                case DROP -> {
                    EventData.remove(data, pointer);
                    masked.inc();
                    yield true;
                }
                case REDACT_FREE_TEXT -> value.isTextual() && redact(data, value.asText());
            };
        }

        private boolean redact(JsonNode data, String original) {
            String text = original;
            for (FreeText kind : FreeText.values()) {
                Matcher matcher = kind.pattern.matcher(text);
                var replaced = new StringBuilder(text.length());
                long found = 0;
                while (matcher.find()) {
                    matcher.appendReplacement(replaced, Matcher.quoteReplacement(kind.placeholder));
                    found++;
                }
                if (found > 0) {
                    matcher.appendTail(replaced);
                    text = replaced.toString();
                    redacted.get(kind).inc(found);
                }
            }
            if (text.equals(original)) {
                return false;
            }
            EventData.replace(data, pointer, TextNode.valueOf(text));
            return true;
        }
    }

    static Mac hmac(PersonalDataSalt salt) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt.bytes(), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256, this one does not", e);
        }
    }

    /** The hex HMAC-SHA256 of {@code text}'s UTF-8 bytes. */
    static String hash(Mac mac, String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
