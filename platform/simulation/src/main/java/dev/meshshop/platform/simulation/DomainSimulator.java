package dev.meshshop.platform.simulation;

import java.util.Objects;

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
 * names is one of the application's and declares the events it sends.
 *
 * @param domain the name of the domain whose events it sends
 * @param system the system itself
 */
public record DomainSimulator(String domain, EventSimulator system) {

    public DomainSimulator {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(system, () -> "The simulator of " + domain + " needs a system");
    }
}
