package dev.meshshop.enabling.labsql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.platform.operational.OperationalDatabases;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's SQL tool asks a running mesh's operational databases: a real PostgreSQL, started where the embedded mesh
 * starts it under its data directory, which the tool finds by that directory alone.
 */
class OperationalLabSqlTests {

    @TempDir
    static Path dataDir;

    static OperationalDatabases databases;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void aShopSystemWithItsDatabase() throws SQLException {
        databases = OperationalDatabases.embedded(dataDir.resolve("operational/postgres"));
        try (var connection = databases.database("shop").getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS item (id text PRIMARY KEY, price numeric(8,2) NOT NULL,"
                    + " note text)");
            statement.execute("TRUNCATE item");
            statement.execute("INSERT INTO item VALUES ('a', 2.50, NULL), ('b', 4.00, 'on sale'), ('c', 1.25, NULL)");
        }
    }

    @AfterAll
    static void stop() {
        databases.close();
    }

    @Test
    void asksTheRunningServerFoundThroughTheDataDirectoryAndSaysHowLongItTook() throws IOException {
        int exit = run("", "--operational", "shop", "SELECT id, price FROM item WHERE price > 2 ORDER BY id");

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("| id | price |\n|----|-------|\n| a  | 2.50  |\n| b  | 4.00  |\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).matches("\\(2 rows in \\d+ ms\\)\\R");
    }

    @Test
    void readsTheQueryFromStandardInput() throws IOException {
        assertThat(run("SELECT count(*) AS items FROM item;\n", "--operational", "shop"))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("| items |\n|-------|\n| 3     |\n");
    }

    @Test
    void neverWritesToTheSystemsDatabase() throws IOException {
        assertThat(run("", "--operational", "shop", "DELETE FROM item")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("read-only").doesNotContain("\tat ");

        out.reset();
        run(
                "",
                "--operational",
                "shop",
                "SELECT has_table_privilege('item', 'DELETE') AS may_delete,"
                        + " has_table_privilege('item', 'SELECT') AS may_read");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .as("the tool's role, should a query turn the read-only transaction off")
                .contains("| false      | true     |");

        out.reset();
        run("", "--operational", "shop", "SELECT count(*) AS items FROM item");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| 3     |");
    }

    @Test
    void aSnapshotCopiesEveryRowConsistentlyWithoutTheKeysAndReplacesTheOlderOne() throws IOException {
        assertThat(run("", "--snapshot", "shop"))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("copied item: 3 rows")
                .containsPattern("shop_snapshot is a snapshot of shop: 3 rows in \\d+ ms");

        out.reset();
        run("", "--operational", "shop_snapshot", "SELECT id, price, note FROM item ORDER BY id");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("| id | price | note    |\n|----|-------|---------|\n| a  | 2.50  |         |\n"
                        + "| b  | 4.00  | on sale |\n| c  | 1.25  |         |\n");

        out.reset();
        run(
                "",
                "--operational",
                "shop_snapshot",
                "SELECT count(*) AS keys FROM pg_indexes WHERE schemaname = 'public'");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| 0    |");

        out.reset();
        assertThat(run("", "--snapshot", "shop")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("copied item: 3 rows");
    }

    @Test
    void saysWhatIsWrongWithoutAStackTrace() throws IOException {
        assertThat(run("", "--data-dir=" + dataDir.resolve("elsewhere"), "--operational", "shop", "SELECT 1"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("No operational databases are running");

        err.reset();
        assertThat(run("", "--operational", "payroll", "SELECT 1")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no database 'payroll'");

        err.reset();
        assertThat(run("", "--operational", "shop; DROP", "SELECT 1")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'shop; DROP' is neither");

        err.reset();
        assertThat(run("", "--snapshot", "payroll")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no database 'payroll'");
        out.reset();
        run(
                "",
                "--operational",
                "postgres",
                "SELECT count(*) AS copies FROM pg_database WHERE datname = 'payroll_snapshot'");
        assertThat(out.toString(StandardCharsets.UTF_8))
                .as("no empty copy left behind")
                .contains("| 0      |");

        err.reset();
        assertThat(run("", "--snapshot", "shop", "SELECT 1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("Usage:");
    }

    private int run(String stdin, String... args) throws IOException {
        String[] withDataDir = args;
        if (args.length == 0 || !args[0].startsWith("--data-dir=")) {
            withDataDir = new String[args.length + 1];
            withDataDir[0] = "--data-dir=" + dataDir;
            System.arraycopy(args, 0, withDataDir, 1, args.length);
        }
        return LabSql.run(
                withDataDir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
