package dev.meshshop.platform.simulation;

import java.util.Objects;
import java.util.Optional;

/**
 * A domain's simulated operational system, declared as a bean beside the domain's {@code MeshDomain}:
 *
 * <pre>{@code
 * @Bean
 * DomainSimulator paymentSimulator() {
 *     return new DomainSimulator(NAME, EventSimulator.of(business -> new PaymentSimulator(business, Faults.TYPICAL)));
 * }
 * }</pre>
 *
 * The simulation runs it against the mesh (a fill, live trading); {@link Simulations} checks that the domain it
 * names is one of the application's and declares the events it sends. A system that also keeps entities in a
 * database of its own adds that part with {@link #withDatabase}; one that delivers files, with {@link #withFiles}. A
 * domain without events whose data comes from outside as files declares {@link #ofFiles}.
 *
 * @param domain the name of the domain whose events it sends
 * @param system the system's events
 * @param database the part of the system that keeps its entities in the domain's operational database, if any
 * @param files the part of the system that delivers files to the domain's inbox, if any
 */
public record DomainSimulator(
        String domain, EventSimulator system, Optional<DatabaseSimulator> database, Optional<FileSimulator> files) {

    public DomainSimulator {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(system, () -> "The simulator of " + domain + " needs a system");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(files, "files");
    }

    public DomainSimulator(String domain, EventSimulator system) {
        this(domain, system, Optional.empty(), Optional.empty());
    }

    /**
     * The simulated outside world of a domain that emits no events, delivering files to one of its file exports as
     * {@code files} does: a calendar provider, a supplier's price list (an external dataset).
     */
    public static DomainSimulator ofFiles(String domain, FileSimulator files) {
        return new DomainSimulator(domain, EventSimulator.NONE, Optional.empty(), Optional.of(files));
    }

    /** The same system, keeping entities in the domain's operational database as {@code database} does. */
    public DomainSimulator withDatabase(DatabaseSimulator database) {
        return new DomainSimulator(domain, system, Optional.of(database), files);
    }

    /** The same system, delivering files to one of the domain's file exports as {@code files} does. */
    public DomainSimulator withFiles(FileSimulator files) {
        return new DomainSimulator(domain, system, database, Optional.of(files));
    }
}
