package dev.meshshop.governance.junit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.meshshop.governance.ComplianceReport;
import dev.meshshop.governance.DomainSources;
import dev.meshshop.governance.GovernedProduct;
import dev.meshshop.governance.Policies;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The governance kit for a domain's build: every product must comply with the mesh's policies. In the build
 * every finding fails, warnings included, so that they are fixed before they ship; at publish time only
 * blocking policies refuse a snapshot.
 */
public final class GovernanceAssertions {

    private GovernanceAssertions() {}

    /**
     * Asserts that every product folder (such as {@code mesh/checkout/products/orders}) complies with the
     * standard policies, given the domain's SQL models and topics.
     */
    public static void assertProductsComply(List<String> productFolders, DomainSources sources) {
        var loader = Thread.currentThread().getContextClassLoader();
        assertComply(
                Policies.standard(),
                productFolders.stream()
                        .map(folder -> GovernedProduct.fromClasspath(folder, sources, loader))
                        .toList());
    }

    /** Asserts that {@code product} complies with the standard policies. */
    public static void assertComplies(GovernedProduct product) {
        assertComply(Policies.standard(), List.of(product));
    }

    /** Asserts that every product complies with {@code policies}; the failure lists every finding with its fix. */
    public static void assertComply(Policies policies, List<GovernedProduct> products) {
        var failing = products.stream()
                .map(policies::evaluate)
                .filter(report -> !report.findings().isEmpty())
                .toList();
        if (!failing.isEmpty()) {
            fail(failing.stream().map(ComplianceReport::toText).collect(Collectors.joining("\n\n")));
        }
    }
}
