package dev.meshshop.platform.starter;

import dev.meshshop.platform.events.EventType;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.storage.ModelStep;
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
 * @param steps the model stage's steps in Java, run in order after the SQL models (training a model, scoring with
 *     one, rendering a report: docs/adr/0027)
 */
public record MeshDomain(
        String name,
        String team,
        List<EventType<?>> eventTypes,
        DomainCleaning cleaning,
        List<String> models,
        List<String> products,
        List<ModelStep> steps) {

    /** A domain whose model stage is SQL alone. */
    public MeshDomain(
            String name,
            String team,
            List<EventType<?>> eventTypes,
            DomainCleaning cleaning,
            List<String> models,
            List<String> products) {
        this(name, team, eventTypes, cleaning, models, products, List.of());
    }

    public MeshDomain {
        Objects.requireNonNull(name, "name");
        steps = steps == null ? List.of() : List.copyOf(steps);
        for (ModelStep step : steps) {
            if (products.stream().noneMatch(folder -> folder.endsWith("/" + step.product()))) {
                throw new IllegalArgumentException("Domain " + name + " has a step " + step.name()
                        + " that builds product " + step.product() + ", which is not one of its products " + products
                        + ": name the product's folder (mesh/" + name + "/products/" + step.product() + ")");
            }
        }
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

    /** This domain with {@code steps} run after its SQL models. */
    public MeshDomain withSteps(List<ModelStep> steps) {
        return new MeshDomain(name, team, eventTypes, cleaning, models, products, steps);
    }

    /** Whether the domain emits events, so that it has topics to ingest and a raw zone to clean. */
    public boolean emitsEvents() {
        return !eventTypes.isEmpty();
    }
}
