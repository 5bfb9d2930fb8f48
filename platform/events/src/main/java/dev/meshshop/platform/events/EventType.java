package dev.meshshop.platform.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of domain event on the wire: the topic it travels on, its type name in the envelope, its schema
 * version and the record that holds its data. A domain declares its event types in one typed place (for
 * example {@code CheckoutEvents}); producers, ingest and cleaning all refer to those constants.
 *
 * <p>Topics are named {@code <domain>.<event-in-kebab-case>.v<N>}, for example
 * {@code checkout.order-purchased.v1}: what happened, in which domain, in which version.
 */
public record EventType<T extends Record>(String topic, String name, int schemaVersion, Class<T> dataType) {

    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9]*\\.[a-z][a-z0-9-]*\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(name, "event type name");
        Objects.requireNonNull(dataType, "event data type");
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Topic '" + topic + "' of event " + name
                    + " must be named <domain>.<event-in-kebab-case>.v<N>, for example checkout.order-purchased.v1");
        }
    }

    /** The domain that owns the topic: the part before the first dot. */
    public String domain() {
        return topic.substring(0, topic.indexOf('.'));
    }
}
