package dev.meshshop.platform.contracts.check;

import static dev.meshshop.platform.contracts.check.SchemaChecksTests.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.TestContracts;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service levels tested against data, at a fixed moment: 2025-06-01 12:00 UTC. */
class ServiceLevelChecksTests {

    private static final Clock NOON = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    private static final String ORDERS =
            """
            name: orders
            properties:
              - {name: order_id, logicalType: string}
              - {name: placed_at, logicalType: timestamp}
              - {name: published_at, logicalType: timestamp}
              - {name: order_date, logicalType: date}
            """;

    private TestData data;

    @BeforeEach
    void buildOrders() throws SQLException {
        data = new TestData();
        // Orders placed from 2024-06-01 to 2025-06-01 06:00, each published 30 minutes after it was placed,
        // except one published 5 hours late.
        data.sql(
                """
                CREATE TABLE orders AS SELECT
                  'ord-' || range AS order_id,
                  TIMESTAMP '2025-06-01 06:00:00' - to_hours(range * 24) AS placed_at,
                  TIMESTAMP '2025-06-01 06:00:00' - to_hours(range * 24)
                    + CASE WHEN range = 10 THEN INTERVAL 5 HOUR ELSE INTERVAL 30 MINUTE END AS published_at,
                  CAST(TIMESTAMP '2025-06-01 06:00:00' - to_hours(range * 24) AS DATE) AS order_date
                FROM range(366)
                """);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        data.close();
    }

    @Test
    void freshnessIsTheAgeOfTheNewestRow() throws SQLException {
        ContractTestReport report = test(
                """
                slaProperties:
                  - {property: freshness, value: 8, unit: h, element: orders.placed_at}
                  - {property: freshness, value: 4, unit: hours, element: orders.placed_at}
                """);

        assertThat(report.checks())
                .filteredOn(check -> check.category() == CheckCategory.SLA)
                .extracting(CheckResult::status, CheckResult::measured, CheckResult::threshold)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CheckStatus.PASSED, "6 h", "<= 8 h"),
                        org.assertj.core.groups.Tuple.tuple(CheckStatus.FAILED, "6 hours", "<= 4 hours"));
    }

    @Test
    void latencyOnOneElementIsItsFreshnessAndWorksOnDates() throws SQLException {
        ContractTestReport report = test(
                """
                slaProperties:
                  - {property: ly, value: 1, unit: d, element: orders.order_date}
                """);

        CheckResult latency = result(report, "orders.order_date", "latency");
        assertThat(latency.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(latency.measured()).isEqualTo("0.5 d");
    }

    @Test
    void latencyBetweenTwoElementsIsTheLongestDelay() throws SQLException {
        ContractTestReport report = test(
                """
                slaProperties:
                  - {property: latency, value: 1, unit: h, element: "orders.placed_at, orders.published_at"}
                """);

        CheckResult latency = result(report, "orders.placed_at,published_at", "latency");
        assertThat(latency.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(latency.measured()).isEqualTo("5 h");
        assertThat(latency.detail())
                .isEqualTo("the longest time from placed_at to published_at 5 h old, the contract allows 1 h");
        assertThat(latency.samples().columns()).containsExactly("placed_at", "published_at");
        assertThat(latency.samples().rows())
                .containsExactly(java.util.List.of("2025-05-22 06:00:00", "2025-05-22 11:00:00"));
    }

    @Test
    void retentionIsTheAgeOfTheOldestRow() throws SQLException {
        ContractTestReport report = test(
                """
                slaProperties:
                  - {property: retention, value: 2, unit: y, element: orders.order_date}
                  - {property: retention, value: 6, unit: months, element: orders.order_date}
                """);

        assertThat(report.checks())
                .filteredOn(check -> check.check().equals("retention"))
                .extracting(CheckResult::status)
                .containsExactly(CheckStatus.PASSED, CheckStatus.FAILED);
    }

    @Test
    void failsWhenTheElementIsNotATimestampOrMissing() throws SQLException {
        ContractTestReport report = test(
                """
                slaProperties:
                  - {property: freshness, value: 1, unit: d, element: orders.order_id}
                  - {property: freshness, value: 1, unit: d, element: orders.shipped_at}
                """);

        assertThat(result(report, "orders.order_id", "freshness").detail())
                .isEqualTo("the freshness of order_id cannot be measured: it is not a point in time");
        assertThat(result(report, "orders.shipped_at", "freshness").detail())
                .isEqualTo("the element shipped_at is not a property of orders");
    }

    @Test
    void leavesServiceLevelsOfOtherObjectsAndOtherKindsAlone() throws SQLException {
        ContractTestReport report = test(
                """
                slaProperties:
                  - {property: freshness, value: 1, unit: d, element: customers.updated_at}
                  - {property: frequency, value: 1, unit: d, element: orders.placed_at}
                  - {property: generalAvailability, value: "2025-01-01T00:00:00Z"}
                """);

        assertThat(report.checks()).noneMatch(check -> check.category() == CheckCategory.SLA);
    }

    @Test
    void failsFreshnessOnAnEmptyTable() throws SQLException {
        data.sql("DELETE FROM orders");

        CheckResult freshness = result(
                test(
                        """
                slaProperties:
                  - {property: freshness, value: 1, unit: d, element: orders.placed_at}
                """),
                "orders.placed_at",
                "freshness");

        assertThat(freshness.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(freshness.measured()).isEqualTo("no rows");
    }

    private ContractTestReport test(String slaProperties) throws SQLException {
        return ContractTester.create()
                .withClock(NOON)
                .test(data.connection(), "orders", TestContracts.withObject(ORDERS, slaProperties));
    }
}
