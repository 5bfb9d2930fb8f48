package dev.meshshop.platform.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;

/**
 * A raw event that cleaning set aside: the rule it broke (a short name to count by), a reason a person can
 * act on, and the event itself. It lands in the domain's quarantine table; nothing is dropped silently.
 */
public record Quarantined(String rule, String reason, RawEvent event) {

    public static Quarantined of(RawEvent event, String rule, String reason) {
        return new Quarantined(rule, reason, event);
    }

    public static final class Coder extends AtomicCoder<Quarantined> {

        private static final Coder INSTANCE = new Coder();
        private static final StringUtf8Coder STRING = StringUtf8Coder.of();

        public static Coder of() {
            return INSTANCE;
        }

        @Override
        public void encode(Quarantined value, OutputStream out) throws IOException {
            STRING.encode(value.rule, out);
            STRING.encode(value.reason, out);
            RawEvent.Coder.of().encode(value.event, out);
        }

        @Override
        public Quarantined decode(InputStream in) throws IOException {
            return new Quarantined(
                    STRING.decode(in), STRING.decode(in), RawEvent.Coder.of().decode(in));
        }

        @Override
        public void verifyDeterministic() {}
    }
}
