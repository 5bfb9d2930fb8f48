package dev.meshshop.platform.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** PostgreSQL without Docker: one database per domain, and the shop's state kept across a restart. */
class OperationalDatabasesTests {

    @TempDir
    Path dir;

    @Test
    void aDomainsDatabaseAndItsRowsOutliveARestart() {
        try (var databases = OperationalDatabases.embedded(dir)) {
            var fulfillment = new JdbcTemplate(databases.database("fulfillment"));
            fulfillment.execute("CREATE TABLE articles (id text PRIMARY KEY)");
            fulfillment.update("INSERT INTO articles VALUES ('sku-0001')");
            assertThat(new JdbcTemplate(databases.database("checkout"))
                            .queryForObject("SELECT count(*) FROM pg_tables WHERE tablename = 'articles'", Long.class))
                    .as("checkout's database is its own")
                    .isZero();
            assertThat(fulfillment.queryForObject("SHOW wal_level", String.class))
                    .isEqualTo("logical");
        }
        try (var databases = OperationalDatabases.embedded(dir)) {
            assertThat(new JdbcTemplate(databases.database("fulfillment"))
                            .queryForList("SELECT id FROM articles", String.class))
                    .containsExactly("sku-0001");
        }
    }

    @Test
    void aDatabaseIsNamedAfterItsDomain() {
        var databases = OperationalDatabases.external(new OperationalDatabases.Server("localhost", 1, "u", "p"));
        assertThatThrownBy(() -> databases.database("Checkout; DROP"))
                .hasMessageContaining("named after its domain")
                .hasMessageContaining("Checkout; DROP");
        assertThat(databases.server().toString()).doesNotContain("p]").contains("u@localhost:1");
    }
}
