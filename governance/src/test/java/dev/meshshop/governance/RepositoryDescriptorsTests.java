package dev.meshshop.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshshop.platform.storage.ProductDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every {@code descriptor.yaml} in the repository (the domains' products, the domain template's, and every test's
 * stand-ins and fixtures) is a data product in ODPS v1.0.0 whose ports name their contracts as the contracts name
 * themselves, and the platform reads each. A domain's build checks its own products; this test covers the
 * descriptors no domain's build governs.
 */
class RepositoryDescriptorsTests {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    /** What the domain template's placeholders stand for, as for a domain loyalty that reads checkout.orders. */
    static final Map<String, String> TEMPLATE_VALUES = Map.of(
            "domain", "loyalty",
            "team", "loyalty-team",
            "readsProduct", "checkout.orders",
            "readsDomain", "checkout",
            "readsName", "orders",
            "readsView", "external.checkout_orders");

    /** The governance fixture that breaks the policy, so that its test sees it refused. */
    static final String BROKEN_ON_PURPOSE = "governance/src/test/resources/mesh/shop/products/not-odps/descriptor.yaml";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    @Test
    void everyDescriptorInTheRepositoryIsAnOdpsDataProductThePlatformReads() throws IOException {
        var policy = Policies.standard().all().stream()
                .filter(candidate -> candidate.id().equals("odps-descriptors"))
                .findFirst()
                .orElseThrow();
        List<Path> descriptors = descriptors();
        var problems = new ArrayList<String>();
        for (Path file : descriptors) {
            String text = fill(Files.readString(file));
            JsonNode tree = GovernedProduct.tree(text);
            var ports = new ArrayList<GovernedProduct.Port>();
            for (JsonNode port : tree.path("outputPorts")) {
                String contract = GovernedProduct.contractFile(port);
                Path contractFile = file.resolveSibling(contract);
                ports.add(new GovernedProduct.Port(
                        port.path("name").asText(""),
                        contract,
                        Files.isRegularFile(contractFile)
                                ? Optional.of(fill(Files.readString(contractFile)))
                                : Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
            }
            var product = new GovernedProduct("any", file.toString(), tree, ports, DomainSources.NONE);
            var violations = policy.check().check(product);
            if (REPOSITORY.relativize(file).toString().equals(BROKEN_ON_PURPOSE)) {
                assertThat(violations).as(BROKEN_ON_PURPOSE).isNotEmpty();
                continue;
            }
            violations.forEach(violation -> problems.add(REPOSITORY.relativize(file) + ", " + violation.field() + ": "
                    + violation.message() + ". Fix: " + violation.fix()));
            try {
                ProductDescriptor.read(text);
            } catch (IllegalArgumentException e) {
                problems.add(REPOSITORY.relativize(file) + ": the platform cannot read it: " + e.getMessage());
            }
        }

        assertThat(descriptors.stream()
                        .map(REPOSITORY::relativize)
                        .map(Path::toString)
                        .filter(path -> path.matches("domains/[^/]+/src/main/.*")))
                .as("the domains' own products")
                .hasSizeGreaterThanOrEqualTo(10);
        assertThat(descriptors.stream().map(Path::toString)).anyMatch(path -> path.contains("domain-template"));
        assertThat(problems).isEmpty();
    }

    @Test
    void aDescriptorInTheOldLayoutFailsNamingTheFieldAndTheFix() {
        var policy = Policies.standard().all().stream()
                .filter(candidate -> candidate.id().equals("odps-descriptors"))
                .findFirst()
                .orElseThrow();
        var product = new GovernedProduct(
                "shop",
                "mesh/shop/products/sales",
                GovernedProduct.tree(
                        """
                        apiVersion: v1.0.0
                        kind: DataProduct
                        id: shop.sales
                        status: active
                        owner: shop-team
                        customProperties:
                          - {property: productKind, value: source-aligned}
                        outputPorts:
                          - {name: sales, version: 1.0.0, contractId: shop.sales}
                        """),
                List.of(),
                DomainSources.NONE);

        var report = Policies.standard().evaluate(product);

        assertThat(policy.check().check(product))
                .extracting(Violation::field, Violation::fix)
                .containsExactly(tuple("owner", "name the owner team in team.name (team: {name: <domain>-team})"));
        assertThat(report.toText())
                .contains(
                        "odps-descriptors on shop.sales, field owner: 'owner' is not a field the standard defines",
                        "Fix: name the owner team in team.name");
    }

    /** Every descriptor.yaml under the repository, outside build output. */
    static List<Path> descriptors() {
        try (Stream<Path> files = Files.walk(REPOSITORY)) {
            return files.filter(file -> file.getFileName().toString().equals("descriptor.yaml"))
                    .filter(file -> {
                        String path = REPOSITORY.relativize(file).toString();
                        return !path.contains("/target/") && !path.startsWith(".") && !path.contains("/.");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The domain template's text as the template writes it for a domain; other text as it is. */
    static String fill(String text) {
        String sections = text.replaceAll("(?ms)^\\{\\{\\^reads}}\\n.*?^\\{\\{/reads}}\\n", "")
                .replaceAll("(?m)^\\{\\{[#/]reads}}\\n", "");
        Matcher matcher = PLACEHOLDER.matcher(sections);
        var filled = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(
                    filled, Matcher.quoteReplacement(TEMPLATE_VALUES.getOrDefault(matcher.group(1), matcher.group())));
        }
        return matcher.appendTail(filled).toString();
    }
}
