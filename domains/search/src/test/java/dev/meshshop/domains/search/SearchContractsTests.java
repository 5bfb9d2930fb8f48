package dev.meshshop.domains.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.contracts.check.CheckResult;
import dev.meshshop.platform.contracts.check.ContractTestReport;
import dev.meshshop.platform.contracts.check.ContractTester;
import dev.meshshop.platform.contracts.junit.ContractAssertions;
import dev.meshshop.platform.simulation.ShopCalendar;
import dev.meshshop.platform.storage.DataProduct;
import dev.meshshop.platform.storage.DomainArea;
import dev.meshshop.platform.storage.MeshLayout;
import dev.meshshop.platform.storage.SqlModels;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search's products, as the build sees them: every contract is valid ODCS and matches its descriptor, and what the
 * models build from clean events fulfils it, or fails it where the data breaks a promise. The published snapshots
 * are tested against the same contracts in {@link SearchPathTests}.
 */
class SearchContractsTests {

    static final Path PRODUCTS = Path.of("src/main/resources/mesh/search/products");
    static final Path CHECKOUT_ORDERS_STAND_IN =
            Path.of("src/test/resources/stand-ins/checkout/orders/orders.odcs.yaml");

    @TempDir
    Path dataDir;

    CleanZone clean;

    @BeforeEach
    void openAnArea() {
        clean = CleanZone.in(DomainArea.open(new MeshLayout(dataDir), SearchDomain.NAME));
    }

    @AfterEach
    void closeIt() {
        clean.area().close();
    }

    @Test
    void everyProductOfSearchHasAValidContract() {
        var search = new SearchDomain().search();
        assertThat(search.products()).hasSize(2);
        for (String folder : search.products()) {
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
    void whatSearchReliesOnInCheckoutOrdersIsAValidContractOfTheMajorItPins() {
        var contract = ContractAssertions.assertValidContract(CHECKOUT_ORDERS_STAND_IN);
        var sessions = DataProduct.fromClasspath(
                "mesh/search/products/search_sessions", getClass().getClassLoader());

        assertThat(sessions.descriptor().inputPorts())
                .singleElement()
                .satisfies(port -> assertThat(port.product()).isEqualTo(contract.id()))
                .satisfies(port -> assertThat(contract.version()).startsWith(port.major() + "."));
    }

    @Test
    void whatTheModelsBuildFulfilsTheContracts() throws SQLException {
        clean.visit("s-1", "c-000001", "2025-12-31T09:00:00Z", "A", null)
                .search("q-1", "s-1", "2025-12-31T09:00:10Z", "Sneakers ", 24)
                .click("q-1", "s-1", "2025-12-31T09:00:20Z", "sku-0001", 1)
                .search("q-2", "s-1", "2025-12-31T09:01:00Z", "sneakers", 24)
                .order("o-1", "s-1", "2025-12-31T09:05:00Z");
        clean.visit("s-2", "c-000002", "2025-11-28T18:00:00Z", "B", true)
                .search("q-3", "s-2", "2025-11-28T18:00:05Z", "snekers", 0)
                .search("q-4", "s-2", "2025-11-28T18:00:30Z", "[email]", 0);
        clean.visit("s-3", "c-000002", "2025-11-28T20:00:00Z", "B", false);
        clean.runModels();

        assertFulfils(test("search_queries"));
        assertFulfils(test("search_sessions"));
        assertThat(clean.row(
                        "SELECT searches, zero_result_searches, clicks, click_through_rate FROM model.search_queries"
                                + " WHERE query = 'sneakers'"))
                .isEqualTo("2|0|1|0.5");
        assertThat(clean.row("SELECT searches, clicks, order_id, converted, free_shipping_offered"
                        + " FROM model.search_sessions WHERE session_id = 's-1'"))
                .isEqualTo("2|1|o-1|true|null");
        assertThat(clean.row("SELECT searches, clicks, order_id, converted, free_shipping_offered"
                        + " FROM model.search_sessions WHERE session_id = 's-3'"))
                .isEqualTo("0|0|null|false|false");
    }

    @Test
    void aQueryThatStillHoldsAnEmailAddressFailsTheContract() throws SQLException {
        clean.visit("s-1", "c-000001", "2025-12-31T09:00:00Z", "A", null)
                .search("q-1", "s-1", "2025-12-31T09:00:10Z", "anna.schmidt1@example.com", 0);
        clean.runModels();

        assertThat(test("search_queries").failures())
                .extracting(CheckResult::check, CheckResult::element)
                .containsExactly(Tuple.tuple("invalidValues", "search_queries.query"));
    }

    @Test
    void aVariantBeyondTheTestsArmsFailsTheContract() throws SQLException {
        clean.visit("s-1", "c-000001", "2025-12-31T09:00:00Z", "C", null);
        clean.runModels();

        assertThat(test("search_sessions").failures())
                .extracting(CheckResult::check, CheckResult::element)
                .containsExactly(Tuple.tuple("invalidValues", "search_sessions.product_page_variant"));
    }

    private ContractTestReport test(String product) throws SQLException {
        var contract =
                ContractAssertions.assertValidContract(PRODUCTS.resolve(product).resolve(product + ".odcs.yaml"));
        try (var connection = clean.area().connect()) {
            return ContractTester.create()
                    .withClock(Clock.fixed(ShopCalendar.AS_OF, ZoneOffset.UTC))
                    .test(connection, "model." + product, contract);
        }
    }

    private static void assertFulfils(ContractTestReport report) {
        assertThat(report.blocks()).as(report::toText).isFalse();
    }

    /** The clean zone of search, and the input port's view, filled by hand: visits, searches, clicks, orders. */
    record CleanZone(DomainArea area) {

        /** Creates the clean tables as cleaning does, and checkout.orders with the columns search reads. */
        static CleanZone in(DomainArea area) {
            area.inTransaction(connection -> {
                try (var statement = connection.createStatement()) {
                    for (var table : List.of(
                            SearchCleaning.SESSION_STARTED,
                            SearchCleaning.SEARCH_PERFORMED,
                            SearchCleaning.RESULT_CLICKED)) {
                        statement.execute("CREATE TABLE clean." + table.name() + " (" + table.sqlColumns() + ")");
                    }
                    statement.execute("CREATE TABLE external.checkout_orders"
                            + " (order_id VARCHAR, session_id VARCHAR, purchased_at TIMESTAMP)");
                }
                return null;
            });
            return new CleanZone(area);
        }

        CleanZone visit(String session, String customer, String startedAt, String variant, Boolean offered) {
            return insert("clean.session_started", "e-" + session, at(startedAt), session, customer, variant, offered);
        }

        CleanZone search(String search, String session, String at, String query, int results) {
            return insert("clean.search_performed", "e-" + search, at(at), search, session, query, results);
        }

        CleanZone click(String search, String session, String at, String sku, int position) {
            return insert("clean.result_clicked", "e-click-" + search, at(at), search, session, sku, position);
        }

        CleanZone order(String order, String session, String purchasedAt) {
            return insert("external.checkout_orders", order, session, at(purchasedAt));
        }

        void runModels() {
            var search = new SearchDomain().search();
            SqlModels.fromClasspath(search.models(), getClass().getClassLoader())
                    .run(area);
        }

        /** The first row of a query, its values joined by {@code |}. */
        String row(String sql) {
            return area.withConnection(connection -> {
                try (var statement = connection.createStatement();
                        var result = statement.executeQuery(sql)) {
                    assertThat(result.next()).as(sql).isTrue();
                    var values = new StringBuilder();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        values.append(i > 1 ? "|" : "").append(result.getString(i));
                    }
                    return values.toString();
                }
            });
        }

        /** Inserts a row; text is quoted, instants become timestamps (UTC), anything else is written as is. */
        private CleanZone insert(String table, Object... columns) {
            var values = new ArrayList<String>();
            for (Object value : columns) {
                values.add(
                        value instanceof String text
                                ? Sql.literal(text)
                                : value instanceof Instant instant
                                        ? "TIMESTAMP '" + LocalDateTime.ofInstant(instant, ZoneOffset.UTC) + "'"
                                        : String.valueOf(value));
            }
            area.inTransaction(connection -> {
                try (var statement = connection.createStatement()) {
                    statement.execute("INSERT INTO " + table + " VALUES (" + String.join(", ", values) + ")");
                }
                return null;
            });
            return this;
        }

        private static Instant at(String instant) {
            return Instant.parse(instant);
        }
    }
}
