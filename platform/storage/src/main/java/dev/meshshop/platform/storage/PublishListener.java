package dev.meshshop.platform.storage;

/**
 * Told what an {@link OutputPortPublisher} did, as it happens: each snapshot it made current, and each port it
 * refused, with the gate that refused it. For metrics; a listener must return quickly and never throw.
 */
public interface PublishListener {

    /** A listener that ignores everything. */
    PublishListener NONE = new PublishListener() {};

    /** {@code snapshot} is now what its port serves. */
    default void published(Snapshot snapshot) {}

    /**
     * A snapshot of major version {@code major} of {@code product} was refused by {@code gate} (one call per
     * blocking gate), or held back because another product of the same refresh was ({@link
     * OutputPortPublisher#TOGETHER_GATE}).
     */
    default void refused(ProductId product, int major, String gate) {}
}
