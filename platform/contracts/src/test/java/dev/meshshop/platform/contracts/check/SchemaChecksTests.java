package dev.meshshop.platform.contracts.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.TestContracts;
import dev.meshshop.platform.contracts.model.DataContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema part of a contract tested against data: presence, types, required, unique, keys and options. */
class SchemaChecksTests {

    private TestData data;

    @BeforeEach
    void openDatabase() throws SQLException {
        data = new TestData();
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        data.close();
    }

    @Test
    void passesWhenEveryPropertyIsPresentWithATypeThatHoldsItsLogicalType() throws SQLException {
        data.sql(
                """
                CREATE TABLE orders AS SELECT
                  'ord-1' AS order_id, DATE '2025-01-01' AS order_date, TIMESTAMP '2025-01-01 10:00' AS shipped_on,
                  TIMESTAMPTZ '2025-01-01 10:00:00+00' AS placed_at, TIME '08:00' AS slot, 3::SMALLINT AS items,
                  9.5::DECIMAL(8,2) AS amount, 4 AS rating, true AS gift, {'city': 'Berlin'} AS address,
                  ['a', 'b'] AS tags, '2025-01-31' AS due_text
                """);
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - {name: order_id, logicalType: string}
                  - {name: order_date, logicalType: date}
                  - {name: shipped_on, logicalType: date}
                  - {name: placed_at, logicalType: timestamp, logicalTypeOptions: {timezone: true}}
                  - {name: slot, logicalType: time}
                  - {name: items, logicalType: integer}
                  - {name: amount, logicalType: number}
                  - {name: rating, logicalType: number}
                  - {name: gift, logicalType: boolean}
                  - {name: address, logicalType: object}
                  - {name: tags, logicalType: array}
                  - {name: due_text, logicalType: date, logicalTypeOptions: {format: yyyy-MM-dd}}
                """);

        ContractTestReport report = test(contract);

        assertThat(report.checks())
                .allSatisfy(check -> assertThat(check.status()).isEqualTo(CheckStatus.PASSED));
        assertThat(report.checks()).hasSize(13);
        assertThat(report.blocks()).isFalse();
    }

    @Test
    void failsForAMissingColumnAndSkipsTheRulesOnIt() throws SQLException {
        data.sql("CREATE TABLE orders AS SELECT 'ord-1' AS order_id");
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - name: order_id
                    logicalType: string
                  - name: customer_id
                    physicalName: customer_ref
                    logicalType: string
                    quality:
                      - metric: nullValues
                        mustBe: 0
                """);

        ContractTestReport report = test(contract);

        CheckResult missing = result(report, "orders.customer_id", "logicalType");
        assertThat(missing.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(missing.measured()).isEqualTo("missing");
        assertThat(missing.detail()).isEqualTo("the data has no column customer_ref");
        assertThat(missing.fix()).startsWith("add the column customer_ref to orders");
        assertThat(result(report, "orders.customer_id", "nullValues").status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(report.blocks()).isTrue();
    }

    @Test
    void failsForATypeThatDoesNotHoldTheLogicalTypeAndSkipsItsOptions() throws SQLException {
        data.sql("CREATE TABLE orders AS SELECT '12.50' AS amount, TIMESTAMP '2025-01-01' AS placed_at");
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - name: amount
                    logicalType: number
                    logicalTypeOptions: {minimum: 0}
                  - name: placed_at
                    logicalType: timestamp
                    logicalTypeOptions: {timezone: true}
                """);

        ContractTestReport report = test(contract);

        CheckResult amount = result(report, "orders.amount", "logicalType");
        assertThat(amount.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(amount.measured()).isEqualTo("VARCHAR");
        assertThat(amount.threshold()).isEqualTo("number (DECIMAL, DOUBLE or an integer type)");
        assertThat(result(report, "orders.amount", "logicalTypeOptions.minimum").status())
                .isEqualTo(CheckStatus.SKIPPED);
        assertThat(result(report, "orders.placed_at", "logicalType").status()).isEqualTo(CheckStatus.FAILED);
    }

    @Test
    void requiredMeansNoNulls() throws SQLException {
        data.sql("CREATE TABLE orders AS SELECT range AS order_id, CASE WHEN range < 3 THEN NULL ELSE 'c' END AS "
                + "customer_id FROM range(10)");
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - {name: order_id, logicalType: integer, required: true}
                  - {name: customer_id, logicalType: string, required: true}
                """);

        ContractTestReport report = test(contract);

        assertThat(result(report, "orders.order_id", "required").status()).isEqualTo(CheckStatus.PASSED);
        CheckResult customer = result(report, "orders.customer_id", "required");
        assertThat(customer.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(customer.measured()).isEqualTo("3 rows");
        assertThat(customer.detail()).isEqualTo("3 rows without a value");
        assertThat(customer.samples().columns()).containsExactly("customer_id");
        assertThat(customer.samples().rows()).hasSize(3).allSatisfy(row -> assertThat(row)
                .containsOnlyNulls());
    }

    @Test
    void uniqueMeansNoRepeatedValues() throws SQLException {
        data.sql("CREATE TABLE orders AS SELECT range AS order_id, range % 8 AS slot FROM range(10)");
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - {name: order_id, logicalType: integer, unique: true}
                  - {name: slot, logicalType: integer, unique: true}
                """);

        ContractTestReport report = test(contract);

        assertThat(result(report, "orders.order_id", "unique").status()).isEqualTo(CheckStatus.PASSED);
        CheckResult slot = result(report, "orders.slot", "unique");
        assertThat(slot.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(slot.measured()).isEqualTo("2 rows");
        assertThat(slot.samples().rows())
                .containsExactly(
                        java.util.List.of("0"), java.util.List.of("0"), java.util.List.of("1"), java.util.List.of("1"));
    }

    @Test
    void aCompositePrimaryKeyIsUniqueAndComplete() throws SQLException {
        data.sql(
                """
                CREATE TABLE order_items (order_id VARCHAR, line INTEGER, sku VARCHAR);
                INSERT INTO order_items VALUES ('a', 1, 'x'), ('a', 2, 'y'), ('b', 1, 'x'), ('b', 1, 'z'), (NULL, 1, 'q')
                """);
        DataContract contract = TestContracts.withObject(
                """
                name: order_items
                properties:
                  - {name: order_id, logicalType: string, primaryKey: true, primaryKeyPosition: 1}
                  - {name: line, logicalType: integer, primaryKey: true, primaryKeyPosition: 2}
                  - {name: sku, logicalType: string}
                """);

        ContractTestReport report = test(contract, "order_items");

        CheckResult key = result(report, "order_items", "primaryKey");
        assertThat(key.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(key.measured()).isEqualTo("2 rows");
        assertThat(key.detail()).isEqualTo("1 row without a key, 1 row repeating a key (order_id, line)");
        assertThat(key.samples().columns()).containsExactly("order_id", "line");
        assertThat(key.samples().rows()).containsExactly(java.util.List.of("b", "1"), java.util.List.of("b", "1"));
    }

    @Test
    void aValidPrimaryKeyPasses() throws SQLException {
        data.sql("CREATE TABLE orders AS SELECT 'ord-' || range AS order_id FROM range(100)");
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - {name: order_id, logicalType: string, primaryKey: true}
                """);

        assertThat(result(test(contract), "orders", "primaryKey").status()).isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void optionsPassWhenEveryValueFits() throws SQLException {
        data.sql(
                """
                CREATE TABLE customers AS SELECT
                  'c-00' || range AS id, 'user' || range || '@meshshop.dev' AS email, gen_random_uuid() AS ref,
                  '192.168.0.' || range AS ip, range AS visits, [range, range + 1] AS carts,
                  DATE '2025-01-01' + range::INTEGER AS joined
                FROM range(1, 10)
                """);
        DataContract contract = TestContracts.withObject(
                """
                name: customers
                properties:
                  - name: id
                    logicalType: string
                    logicalTypeOptions: {minLength: 5, maxLength: 5, pattern: "^c-00[1-9]$"}
                  - {name: email, logicalType: string, logicalTypeOptions: {format: email}}
                  - {name: ref, logicalType: string, logicalTypeOptions: {format: uuid}}
                  - {name: ip, logicalType: string, logicalTypeOptions: {format: ipv4}}
                  - name: visits
                    logicalType: integer
                    logicalTypeOptions: {exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 1, format: i8}
                  - name: carts
                    logicalType: array
                    logicalTypeOptions: {minItems: 2, maxItems: 2, uniqueItems: true}
                  - name: joined
                    logicalType: date
                    logicalTypeOptions: {minimum: "2025-01-01", exclusiveMaximum: "2025-02-01"}
                """);

        ContractTestReport report = test(contract, "customers");

        assertThat(report.checks()).hasSize(22).allSatisfy(check -> assertThat(check.status())
                .isEqualTo(CheckStatus.PASSED));
    }

    @Test
    void stringOptionsBoundLengthAndForm() throws SQLException {
        data.sql(
                """
                CREATE TABLE customers (id VARCHAR, email VARCHAR, ref VARCHAR);
                INSERT INTO customers VALUES
                  ('c-001', 'ada@meshshop.dev', '0b7f8a4e-6d3c-4a52-9a0e-3b1f2c4d5e6f'),
                  ('c-2', 'grace@meshshop', 'not-a-uuid'),
                  ('c-0003', 'alan@meshshop.dev', '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f')
                """);
        DataContract contract = TestContracts.withObject(
                """
                name: customers
                properties:
                  - name: id
                    logicalType: string
                    logicalTypeOptions: {minLength: 5, maxLength: 5, pattern: "^c-[0-9]{3}$"}
                  - name: email
                    logicalType: string
                    logicalTypeOptions: {format: email}
                  - name: ref
                    logicalType: string
                    logicalTypeOptions: {format: uuid}
                """);

        ContractTestReport report = test(contract, "customers");

        assertThat(result(report, "customers.id", "logicalTypeOptions.minLength")
                        .measured())
                .isEqualTo("1 row");
        assertThat(result(report, "customers.id", "logicalTypeOptions.maxLength")
                        .measured())
                .isEqualTo("1 row");
        assertThat(result(report, "customers.id", "logicalTypeOptions.pattern").measured())
                .isEqualTo("2 rows");
        CheckResult email = result(report, "customers.email", "logicalTypeOptions.format");
        assertThat(email.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(email.samples().rows()).containsExactly(java.util.List.of("grace@meshshop"));
        assertThat(result(report, "customers.ref", "logicalTypeOptions.format").measured())
                .isEqualTo("1 row");
    }

    @Test
    void numericOptionsBoundTheValues() throws SQLException {
        data.sql("CREATE TABLE orders AS SELECT range AS items, range * 2.5 AS amount FROM range(0, 6)");
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - name: items
                    logicalType: integer
                    logicalTypeOptions: {minimum: 1, maximum: 4, multipleOf: 1, format: u8}
                  - name: amount
                    logicalType: number
                    logicalTypeOptions: {exclusiveMinimum: 0, exclusiveMaximum: 12.5}
                """);

        ContractTestReport report = test(contract);

        assertThat(result(report, "orders.items", "logicalTypeOptions.minimum").measured())
                .isEqualTo("1 row");
        assertThat(result(report, "orders.items", "logicalTypeOptions.maximum").measured())
                .isEqualTo("1 row");
        assertThat(result(report, "orders.items", "logicalTypeOptions.multipleOf")
                        .status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(result(report, "orders.items", "logicalTypeOptions.format").status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(result(report, "orders.amount", "logicalTypeOptions.exclusiveMinimum")
                        .measured())
                .isEqualTo("1 row");
        assertThat(result(report, "orders.amount", "logicalTypeOptions.exclusiveMaximum")
                        .measured())
                .isEqualTo("1 row");
    }

    @Test
    void anIntegerFormatBoundsTheRange() throws SQLException {
        data.sql("CREATE TABLE readings AS SELECT * FROM (VALUES (12), (300), (-1)) AS t(level)");
        DataContract contract = TestContracts.withObject(
                """
                name: readings
                properties:
                  - {name: level, logicalType: integer, logicalTypeOptions: {format: u8}}
                """);

        CheckResult format = result(test(contract, "readings"), "readings.level", "logicalTypeOptions.format");

        assertThat(format.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(format.detail()).isEqualTo("2 rows out of the range of u8");
    }

    @Test
    void temporalOptionsBoundDatesTimestampsAndFormattedText() throws SQLException {
        data.sql(
                """
                CREATE TABLE orders AS SELECT * FROM (VALUES
                  (DATE '2023-12-31', TIMESTAMP '2024-06-01 12:00', '2024-01-15'),
                  (DATE '2024-03-01', TIMESTAMP '2024-06-02 12:00', '15.01.2024'),
                  (DATE '2024-05-01', TIMESTAMP '2025-06-01 12:00', '2024-02-30')
                ) AS t(order_date, placed_at, due)
                """);
        DataContract contract = TestContracts.withObject(
                """
                name: orders
                properties:
                  - name: order_date
                    logicalType: date
                    logicalTypeOptions: {minimum: "2024-01-01", maximum: "2024-12-31"}
                  - name: placed_at
                    logicalType: timestamp
                    logicalTypeOptions: {exclusiveMaximum: "2025-01-01T00:00:00Z"}
                  - name: due
                    logicalType: date
                    logicalTypeOptions: {format: yyyy-MM-dd, minimum: "2024-01-01"}
                """);

        ContractTestReport report = test(contract);

        assertThat(result(report, "orders.order_date", "logicalTypeOptions.minimum")
                        .samples()
                        .rows())
                .containsExactly(java.util.List.of("2023-12-31"));
        assertThat(result(report, "orders.order_date", "logicalTypeOptions.maximum")
                        .status())
                .isEqualTo(CheckStatus.PASSED);
        assertThat(result(report, "orders.placed_at", "logicalTypeOptions.exclusiveMaximum")
                        .measured())
                .isEqualTo("1 row");
        assertThat(result(report, "orders.due", "logicalTypeOptions.format").measured())
                .isEqualTo("2 rows");
        assertThat(result(report, "orders.due", "logicalTypeOptions.minimum").status())
                .isEqualTo(CheckStatus.PASSED);
    }

    @Test
    void arrayOptionsBoundTheItems() throws SQLException {
        data.sql("CREATE TABLE carts AS SELECT * FROM (VALUES ([1, 2]), ([]), ([3, 3, 4, 5])) AS t(skus)");
        DataContract contract = TestContracts.withObject(
                """
                name: carts
                properties:
                  - name: skus
                    logicalType: array
                    logicalTypeOptions: {minItems: 1, maxItems: 3, uniqueItems: true}
                """);

        ContractTestReport report = test(contract, "carts");

        assertThat(result(report, "carts.skus", "logicalTypeOptions.minItems").measured())
                .isEqualTo("1 row");
        assertThat(result(report, "carts.skus", "logicalTypeOptions.maxItems").measured())
                .isEqualTo("1 row");
        assertThat(result(report, "carts.skus", "logicalTypeOptions.uniqueItems")
                        .measured())
                .isEqualTo("1 row");
    }

    private ContractTestReport test(DataContract contract) throws SQLException {
        return test(contract, "orders");
    }

    private ContractTestReport test(DataContract contract, String relation) throws SQLException {
        return ContractTester.create().test(data.connection(), relation, contract);
    }

    static CheckResult result(ContractTestReport report, String element, String check) {
        return report.checks().stream()
                .filter(result ->
                        result.element().equals(element) && result.check().equals(check))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no check " + check + " on " + element + " in\n" + report.toText()));
    }
}
