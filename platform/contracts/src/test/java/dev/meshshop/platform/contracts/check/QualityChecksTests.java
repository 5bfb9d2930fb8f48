package dev.meshshop.platform.contracts.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.TestContracts;
import dev.meshshop.platform.contracts.model.DataContract;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quality rules tested against data: library metrics with every operator and unit, and SQL rules. */
class QualityChecksTests {

    private TestData data;

    @BeforeEach
    void buildOrders() throws SQLException {
        data = new TestData();
        // 100 orders: 4 without a customer, 6 with customer 'n/a', statuses paid/shipped plus 3 'lost',
        // and order ids 1..100 where 98..100 repeat 95..97.
        data.sql(
                """
                CREATE TABLE orders AS SELECT
                  CASE WHEN range >= 97 THEN range - 2 ELSE range + 1 END AS order_id,
                  CASE WHEN range < 4 THEN NULL WHEN range < 10 THEN 'n/a' ELSE 'c-' || range END AS customer_id,
                  CASE WHEN range < 3 THEN 'lost' WHEN range % 2 = 0 THEN 'paid' ELSE 'shipped' END AS status,
                  'ord-' || lpad(range::VARCHAR, 3, '0') AS order_ref,
                  range % 10 AS tenant_id
                FROM range(100)
                """);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        data.close();
    }

    @Test
    void countsNullValues() throws SQLException {
        CheckResult nulls = propertyRule("customer_id", "{metric: nullValues, mustBe: 0}");

        assertThat(nulls.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(nulls.measured()).isEqualTo("4 rows");
        assertThat(nulls.threshold()).isEqualTo("mustBe 0 rows");
        assertThat(nulls.samples().columns()).containsExactly("customer_id");
        assertThat(nulls.samples().rows()).hasSize(4);
    }

    @Test
    void countsMissingValuesFromTheArgumentOrNullAndEmptyByDefault() throws SQLException {
        CheckResult listed = propertyRule(
                "customer_id", "{metric: missingValues, arguments: {missingValues: [null, 'n/a']}, mustBe: 10}");
        CheckResult defaults = propertyRule("customer_id", "{metric: missingValues, mustBe: 4}");

        assertThat(listed.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(listed.measured()).isEqualTo("10 rows");
        assertThat(defaults.status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void failsOnTooManyMissingValues() throws SQLException {
        CheckResult missing = propertyRule(
                "customer_id",
                "{metric: missingValues, arguments: {missingValues: [null, 'n/a']}, mustBeLessThan: 5, unit: percent}");

        assertThat(missing.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(missing.measured()).isEqualTo("10 % (10 rows)");
        assertThat(missing.samples().rows()).hasSize(5);
    }

    @Test
    void countsInvalidValuesOutsideTheValidValues() throws SQLException {
        CheckResult invalid =
                propertyRule("status", "{metric: invalidValues, arguments: {validValues: [paid, shipped]}, mustBe: 0}");

        assertThat(invalid.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(invalid.measured()).isEqualTo("3 rows");
        assertThat(invalid.samples().rows()).containsOnly(List.of("lost"));
    }

    @Test
    void countsInvalidValuesNotMatchingThePattern() throws SQLException {
        CheckResult invalid = propertyRule(
                "order_ref", "{metric: invalidValues, arguments: {pattern: '^ord-0[0-9]{2}$'}, mustBe: 0}");

        assertThat(invalid.status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void countsDuplicateValuesOfAProperty() throws SQLException {
        CheckResult duplicates = propertyRule("order_id", "{metric: duplicateValues, mustBe: 0}");

        assertThat(duplicates.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(duplicates.measured()).isEqualTo("3 rows");
        assertThat(duplicates.samples().rows())
                .containsExactly(List.of("95"), List.of("95"), List.of("96"), List.of("96"), List.of("97"));
    }

    @Test
    void countsDuplicateCombinationsOfPropertiesOnAnObject() throws SQLException {
        CheckResult duplicates =
                objectRule("{metric: duplicateValues, arguments: {properties: [order_id, tenant_id]}, mustBe: 0}");

        assertThat(duplicates.element()).isEqualTo("orders");
        assertThat(duplicates.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(duplicates.measured()).isEqualTo("0 rows");
    }

    @Test
    void countsRowsOfAnObject() throws SQLException {
        assertThat(objectRule("{metric: rowCount, mustBeBetween: [100, 120]}").status())
                .isEqualTo(CheckStatus.PASSED);
        CheckResult tooFew = objectRule("{metric: rowCount, mustBeGreaterThan: 1000}");
        assertThat(tooFew.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(tooFew.measured()).isEqualTo("100 rows");
        assertThat(tooFew.samples().isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} is {2} for 4 null rows")
    @CsvSource({
        "mustBe, 4, PASSED",
        "mustBe, 0, FAILED",
        "mustNotBe, 0, PASSED",
        "mustNotBe, 4, FAILED",
        "mustBeGreaterThan, 3, PASSED",
        "mustBeGreaterThan, 4, FAILED",
        "mustBeGreaterOrEqualTo, 4, PASSED",
        "mustBeGreaterOrEqualTo, 5, FAILED",
        "mustBeLessThan, 5, PASSED",
        "mustBeLessThan, 4, FAILED",
        "mustBeLessOrEqualTo, 4, PASSED",
        "mustBeLessOrEqualTo, 3, FAILED",
        "mustBeBetween, '[4, 10]', PASSED",
        "mustBeBetween, '[5, 10]', FAILED",
        "mustNotBeBetween, '[5, 10]', PASSED",
        "mustNotBeBetween, '[0, 4]', FAILED"
    })
    void comparesWithEveryOperator(String operator, String operand, CheckStatus expected) throws SQLException {
        CheckResult nulls = propertyRule("customer_id", "{metric: nullValues, " + operator + ": " + operand + "}");

        assertThat(nulls.status()).isEqualTo(expected);
    }

    @Test
    void measuresInPercentOfTheRows() throws SQLException {
        CheckResult percent = propertyRule("customer_id", "{metric: nullValues, mustBeLessThan: 5, unit: percent}");
        CheckResult tooMany = propertyRule("customer_id", "{metric: nullValues, mustBeLessThan: 3, unit: percent}");

        assertThat(percent.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(percent.measured()).isEqualTo("4 % (4 rows)");
        assertThat(percent.threshold()).isEqualTo("mustBeLessThan 5 %");
        assertThat(tooMany.status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void turnsAFailureIntoAWarningBelowSeverityError() throws SQLException {
        CheckResult warning = propertyRule("customer_id", "{metric: nullValues, mustBe: 0, severity: warning}");
        ContractTestReport report =
                testWith(property("customer_id", "{metric: nullValues, mustBe: 0, severity: info}"));

        assertThat(warning.status()).isEqualTo(CheckStatus.WARNING);
        assertThat(report.warnings()).hasSize(1);
        assertThat(report.blocks()).isFalse();
    }

    @Test
    void runsSqlRulesWithTheObjectAndPropertyPlaceholders() throws SQLException {
        CheckResult onObject = objectRule("{type: sql, query: 'SELECT count(*) FROM {object} WHERE status = ''lost''',"
                + " mustBeLessOrEqualTo: 3}");
        CheckResult onTable = objectRule("{type: sql, query: 'SELECT max(order_id) FROM ${table}', mustBe: 97}");
        CheckResult onProperty = propertyRule(
                "customer_id", "{type: sql, query: 'SELECT count(DISTINCT {property}) FROM {object}', mustBe: 91}");
        CheckResult onColumn =
                propertyRule("order_id", "{type: sql, query: 'SELECT min(${column}) > 0 FROM ${table}', mustBe: 1}");

        assertThat(onObject.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(onObject.measured()).isEqualTo("3");
        assertThat(onTable.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(onProperty.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(onColumn.status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void reportsAFailingSqlRuleWithItsResult() throws SQLException {
        CheckResult rule = objectRule("{type: sql, name: no_lost_orders, description: Orders are never lost.,"
                + " query: \"SELECT count(*) FROM ${table} WHERE status = 'lost'\", mustBe: 0}");

        assertThat(rule.check()).isEqualTo("no_lost_orders");
        assertThat(rule.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(rule.detail()).isEqualTo("the query returned 3 (Orders are never lost.)");
    }

    @Test
    void reportsASqlRuleThatCannotRun() throws SQLException {
        CheckResult broken =
                objectRule("{type: sql, query: 'SELECT count(*) FROM ${table} WHERE colour = 1', mustBe: 0}");

        assertThat(broken.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(broken.measured()).isEqualTo("error");
        assertThat(broken.detail()).startsWith("the check could not run: ").contains("colour");
    }

    @Test
    void skipsRulesForOtherEnginesAndListsNoProse() throws SQLException {
        ContractTestReport report = testWith(
                """
                name: orders
                quality:
                  - {type: text, description: Orders come from the web shop.}
                  - {type: custom, engine: soda, implementation: 'row_count > 0'}
                """);

        assertThat(report.checks()).singleElement().satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.SKIPPED);
            assertThat(check.detail()).isEqualTo("a rule for soda; run it with that engine");
        });
    }

    @Test
    void runsVersion30LibraryRulesThatHaveAMetric() throws SQLException {
        DataContract contract = dev.meshshop.platform.contracts.DataContracts.parse(
                """
                apiVersion: v3.0.2
                kind: DataContract
                id: legacy
                version: 1.0.0
                status: active
                schema:
                  - name: orders
                    quality:
                      - {rule: rowCount, mustBe: 100}
                      - {rule: between, description: no equivalent metric}
                """,
                "legacy");

        ContractTestReport report = ContractTester.create().test(data.connection(), "orders", contract);

        assertThat(report.checks())
                .extracting(CheckResult::check, CheckResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("rowCount", CheckStatus.PASSED),
                        org.assertj.core.groups.Tuple.tuple("between", CheckStatus.SKIPPED));
    }

    private CheckResult propertyRule(String property, String rule) throws SQLException {
        ContractTestReport report = testWith(property(property, rule));
        return report.checks().stream()
                .filter(check -> check.category() == CheckCategory.QUALITY)
                .findFirst()
                .orElseThrow();
    }

    private CheckResult objectRule(String rule) throws SQLException {
        ContractTestReport report = testWith(
                """
                name: orders
                properties:
                  - name: order_id
                  - name: tenant_id
                quality:
                  - %s
                """
                        .formatted(rule));
        return report.checks().stream()
                .filter(check -> check.category() == CheckCategory.QUALITY)
                .findFirst()
                .orElseThrow();
    }

    private static String property(String property, String rule) {
        return """
                name: orders
                properties:
                  - name: %s
                    quality:
                      - %s
                """
                .formatted(property, rule);
    }

    private ContractTestReport testWith(String objectYaml) throws SQLException {
        return ContractTester.create().test(data.connection(), "orders", TestContracts.withObject(objectYaml));
    }
}
