package dev.meshshop.platform.query;

import static dev.meshshop.platform.query.ShopProducts.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.meshshop.platform.access.AccessRequests;
import dev.meshshop.platform.access.MeshWebApplication;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.identity.MeshIdentities;
import dev.meshshop.platform.identity.Tokens;
import dev.meshshop.platform.storage.MeshLayout;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The JDBC route: the Arrow Flight SQL JDBC driver, as a notebook or a BI tool uses it, against the running query
 * service. The same grants, refusals, restricted columns and row cap hold as over HTTP.
 */
@SpringBootTest(
        classes = MeshWebApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"mesh.query.flight.port=0", "mesh.query.max-rows=700"})
class FlightSqlTests {

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @Autowired
    FlightSqlServer flight;

    @Autowired
    MeshIdentities identities;

    @Autowired
    AccessRequests access;

    @Autowired
    UsageLog usage;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("mesh.data-dir", () -> dataDir.toString());
    }

    @BeforeAll
    static void publish() {
        ShopProducts.publish(new MeshLayout(dataDir));
    }

    /** Connects as a member of {@code identity}'s team, with the member's password. */
    Connection connect(String identity) throws SQLException {
        return connect(identity, identities.password(identity));
    }

    Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:arrow-flight-sql://localhost:" + flight.port() + "?useEncryption=false", user, password);
    }

    @Test
    void aGrantedConsumerJoinsAcrossDomainsOverJdbc() throws SQLException {
        ShopProducts.grant(access, "fulfillment", ORDERS);
        try (var connection = connect("fulfillment");
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        """
                        SELECT o.order_id, s.shipping_option, o.total
                        FROM checkout.orders o JOIN fulfillment.shipments s USING (order_id)
                        ORDER BY o.order_id""")) {
            assertThat(rows.getMetaData().getColumnCount()).isEqualTo(3);
            assertThat(rows.getMetaData().getColumnName(2)).isEqualTo("shipping_option");
            var read = new ArrayList<String>();
            while (rows.next()) {
                read.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getBigDecimal(3));
            }
            assertThat(read).containsExactly("o-1 standard 100.00", "o-2 reliable 50.00");
        }
        var read = usage.list("fulfillment.shipments", "fulfillment").get(0);
        assertThat(read.route()).isEqualTo("flight-sql");
        assertThat(read.outcome()).isEqualTo(Usage.Outcome.OK);
        assertThat(read.rows()).isEqualTo(2);
    }

    @Test
    void aStatementOverTheMessageLimitIsRefusedAndTheServerGoesOn() throws SQLException {
        String huge = "SELECT '" + "m".repeat(2 << 20) + "' AS big";
        try (var connection = connect("checkout")) {
            assertThatThrownBy(() -> connection.createStatement().executeQuery(huge))
                    .isInstanceOf(SQLException.class)
                    .hasStackTraceContaining("RESOURCE_EXHAUSTED");
        }
        try (var connection = connect("checkout");
                var rows = connection.createStatement().executeQuery("SELECT 42 AS answer")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void preparedStatementsRunAgainAndKeepToTheRowCap() throws SQLException {
        try (var connection = connect("checkout");
                var statement = connection.prepareStatement("SELECT * FROM range(1000) t(i)")) {
            for (int run = 0; run < 2; run++) {
                int count = 0;
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        count++;
                    }
                }
                assertThat(count).isEqualTo(700);
            }
        }
    }

    @Test
    void restrictedColumnsStayHidden() throws SQLException {
        ShopProducts.grant(access, "search", ORDERS);
        try (var connection = connect("search");
                var rows = connection.createStatement().executeQuery("SELECT * FROM checkout.orders")) {
            var columns = new ArrayList<String>();
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                columns.add(rows.getMetaData().getColumnName(i));
            }
            assertThat(columns).containsExactly("order_id", "status", "total");
        }
        try (var connection = connect("search")) {
            assertThatThrownBy(() ->
                            connection.createStatement().executeQuery("SELECT customer_email FROM checkout.orders"))
                    .hasMessageContaining("classified as restricted");
        }
    }

    @Test
    void aConsumerWithoutAGrantReadsNothingAndRefusalsSayWhy() throws SQLException {
        try (var connection = connect("payment")) {
            assertThatThrownBy(() -> connection.createStatement().executeQuery("SELECT * FROM fulfillment.shipments"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("payment is not granted fulfillment.shipments")
                    .hasMessageContaining("POST /api/access/requests");
            for (var sql : List.of(
                    "COPY checkout.orders TO 'orders.csv'",
                    "SELECT * FROM read_parquet('"
                            + ShopProducts.published(new MeshLayout(dataDir), ORDERS)
                                    .dataFile() + "')",
                    "INSTALL httpfs",
                    "SELECT 1; SELECT 2")) {
                assertThatThrownBy(() -> connection.createStatement().executeQuery(sql))
                        .as(sql)
                        .hasMessageContaining("Statement refused");
            }
        }
        assertThat(usage.list(null, "payment")).isNotEmpty().allSatisfy(read -> assertThat(read.outcome())
                .isEqualTo(Usage.Outcome.REFUSED));
    }

    @Test
    void aWrongPasswordAnUnknownUserOrAnotherDomainsTokenCannotConnect() {
        String token = new Tokens(port, identities).token("payment");
        var refused = java.util.Map.of(
                "wrong password", new String[] {"checkout", "not-the-password"},
                "unknown user", new String[] {"nobody", identities.password("checkout")},
                "payment's token as checkout", new String[] {"checkout", token},
                "the platform, which acts for no domain",
                        new String[] {MeshIdentities.PLATFORM, identities.clientSecret(MeshIdentities.PLATFORM)});
        refused.forEach((why, credentials) -> assertThatThrownBy(() -> {
                    try (var connection = connect(credentials[0], credentials[1])) {
                        connection.createStatement().executeQuery("SELECT 1");
                    }
                })
                .as(why)
                .isInstanceOf(SQLException.class));
    }

    @Test
    void aClientsSecretOrATokenOfTheIssuerConnectsAsItsDomain() throws SQLException {
        String token = new Tokens(port, identities).token("checkout");
        String url = "jdbc:arrow-flight-sql://localhost:" + flight.port() + "?useEncryption=false";
        for (var connection : java.util.List.of(
                connect("checkout-client", identities.clientSecret("checkout-client")),
                connect("", token),
                DriverManager.getConnection(url + "&token=" + token))) {
            try (connection;
                    var rows = connection.createStatement().executeQuery("SELECT count(*) FROM checkout.orders")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(3);
            }
        }
        // the server records a read once its last batch is sent, which may be a moment after the client has it
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(usage.list(ORDERS.toString(), "checkout")).hasSizeGreaterThanOrEqualTo(3));
    }
}
