package dev.meshshop.domains.{{domain}};

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
{{#reads}}
import dev.meshshop.platform.contracts.model.SchemaProperty;
{{/reads}}
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.storage.DataProduct;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The product of {{domain}}, as the build sees it: its contract is valid ODCS and matches its descriptor, and it
 * refuses data that breaks it. That the published data fulfils it is checked on real data in the path test.
 */
class {{Domain}}ContractsTests {

    /** The simulated year's data is judged as of its end, as the mesh does. */
    static final Clock AS_OF = Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC);

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/{{domain}}/products");

    @Test
    void everyProductHasAValidContractThatMatchesItsDescriptor() {
        var domain = new {{Domain}}Domain().{{domain}}();
        assertThat(domain.products()).isNotEmpty();
        for (String folder : domain.products()) {
            var product = DataProduct.fromClasspath(folder, getClass().getClassLoader());
            for (var port : product.ports()) {
                var contract = ContractAssertions.assertValidContract(
                        PRODUCTS.resolve(product.id().name())
                                .resolve(port.outputPort().contract()));
                assertThat(contract.id()).isEqualTo(product.id().toString());
                assertThat(contract.version()).isEqualTo(port.contractVersion());
            }
        }
    }

    @Test
    void theContractRefusesDataThatBreaksIt() throws SQLException {
        var contract = ContractAssertions.assertValidContract(PRODUCTS.resolve("activities/activities.odcs.yaml"));
        try (var connection = DriverManager.getConnection("jdbc:duckdb:");
                var statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE activities AS SELECT 'act-1' AS activity_id, 'o-1' AS order_id, 'c-1' AS customer_id,
{{^reads}}
                        -12.50::DECIMAL(18,2) AS amount, TIMESTAMP '2025-12-31 20:00:00' AS recorded_at""");
{{/reads}}
{{#reads}}
                        -12.50::DECIMAL(18,2) AS amount, TIMESTAMP '2025-12-31 20:00:00' AS recorded_at,
                        true AS {{readsColumn}}""");
{{/reads}}

            assertThat(ContractTester.create()
                            .withClock(AS_OF)
                            .test(connection, "activities", contract)
                            .failures())
                    .extracting(failure -> failure.element() + " " + failure.check())
                    .containsExactly("activities.amount logicalTypeOptions.minimum");
        }
    }
{{#reads}}

    @Test
    void theStandInStatesExactlyWhatThisDomainReads() {
        var standIn =
                DataProduct.fromClasspath({{Domain}}PathTests.STAND_IN, getClass().getClassLoader());
        assertThat(standIn.id()).hasToString("{{readsProduct}}");
        var contract = ContractAssertions.assertValidContract(Path.of("src/test/resources")
                .resolve({{Domain}}PathTests.STAND_IN)
                .resolve(standIn.ports().get(0).outputPort().contract()));
        assertThat(contract.schema().get(0).properties())
                .extracting(SchemaProperty::name)
                .containsExactly("order_id");
    }
{{/reads}}
}
