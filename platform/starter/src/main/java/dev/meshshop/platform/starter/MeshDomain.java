package dev.meshshop.platform.starter;

import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.pipelines.DomainCleaning;
import java.util.List;
import java.util.Objects;

/**
 * Everything the platform needs to know to run a domain as a mesh member; a domain declares one as a bean. The
 * operational system that sends the domain's events is not the platform's business: a simulated one is declared
 * beside it, as a bean of the simulation (docs/adr/0020).
 *
 * @param name the domain's name, the first part of its topics and product ids
 * @param team the team that owns the domain
 * @param eventTypes the events the domain emits; ingest consumes their topics
 * @param cleaning how raw events become clean tables; none for a domain without events of its own
 * @param models SQL resources, run in order, that build the domain's {@code model} zone from {@code clean}
 * @param products resource folders of the domain's data products, each with a descriptor and contracts
 */
public record MeshDomain(
        String name,
        String team,
        List<EventType<?>> eventTypes,
        DomainCleaning cleaning,
        List<String> models,
        List<String> products) {

    public MeshDomain {
        Objects.requireNonNull(name, "name");
        eventTypes = List.copyOf(eventTypes);
        if (!eventTypes.isEmpty()) {
            Objects.requireNonNull(cleaning, () -> "Domain " + name + " emits events and needs a cleaning for them");
        }
        models = List.copyOf(models);
        products = List.copyOf(products);
        for (EventType<?> type : eventTypes) {
            if (!type.domain().equals(name)) {
                throw new IllegalArgumentException("Domain " + name + " declares event " + type.name() + " on topic "
                        + type.topic() + ", which belongs to domain " + type.domain()
                        + ": a domain emits only on its own topics");
            }
        }
    }

    /**
     * A domain without events of its own, such as an aggregate: its products are built by its models from the
     * products of other domains, read through its input ports.
     */
    public static MeshDomain withoutEvents(String name, String team, List<String> models, List<String> products) {
        return new MeshDomain(name, team, List.of(), null, models, products);
    }

    /** Whether the domain emits events, so that it has topics to ingest and a raw zone to clean. */
    public boolean emitsEvents() {
        return !eventTypes.isEmpty();
    }
}
