package dev.meshshop.platform.starter;

import dev.meshshop.platform.events.EntityChanged;
import dev.meshshop.platform.events.EventType;
import java.util.List;
import java.util.Objects;

/**
 * An operational system of a domain that the domain cannot change, so the platform captures its tables' changes
 * from its database's log (change data capture) and puts them on the domain's topic as entity events. A domain
 * declares it as a bean beside its {@link MeshDomain}:
 *
 * <pre>{@code
 * @Bean
 * CapturedSystem erp() {
 *     return new CapturedSystem(NAME, "erp", List.of("article"), "changed_at", FulfillmentEvents.ARTICLE_CHANGED);
 * }
 * }</pre>
 *
 * The process that runs the domain runs the capture, when the mesh has operational databases
 * ({@code mesh.operational.mode}); it waits for the tables to exist, since the system creates them.
 *
 * @param domain the domain whose operational database holds the tables, and whose topic gets their changes
 * @param name names the capture (its replication slot, publication and offsets); unique in the mesh
 * @param tables the captured tables, each keyed by a column {@code id}; each one kind of entity, named like it
 * @param timeColumn the {@code timestamptz} column the system sets on every change
 * @param type the domain's entity event the changes become; declared among the domain's events
 */
public record CapturedSystem(
        String domain, String name, List<String> tables, String timeColumn, EventType<EntityChanged> type) {

    public CapturedSystem {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(name, "name");
        tables = List.copyOf(tables);
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(type, "type");
        if (!type.domain().equals(domain)) {
            throw new IllegalArgumentException("Captured system " + name + " of " + domain + " puts its changes on "
                    + type.topic() + ", which belongs to " + type.domain() + ": a domain emits only on its own topics");
        }
    }
}
