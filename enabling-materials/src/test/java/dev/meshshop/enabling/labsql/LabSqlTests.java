package dev.meshshop.enabling.labsql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's SQL tool prints a query's result as the labs show it, and says what to do when it cannot. */
class LabSqlTests {

    @TempDir
    Path dataDir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void anAreaWithEvents() throws SQLException, IOException {
        Path area = dataDir.resolve("domains/shop/shop.duckdb");
        Files.createDirectories(area.getParent());
        try (var connection = DriverManager.getConnection("jdbc:duckdb:" + area);
                var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA raw");
            statement.execute("CREATE TABLE raw.events AS SELECT * FROM (VALUES ('shop.item-sold.v1', 12.50),"
                    + " ('shop.item-sold.v1', NULL), ('shop.item-returned.v1', 3.0)) AS t(topic, amount)");
        }
    }

    @Test
    void printsTheResultAsAMarkdownTableThatReadsBackAsTheSameResult() throws IOException {
        int exit = run(
                "",
                "--data-dir=" + dataDir,
                "shop",
                "SELECT topic, count(*) AS events, sum(amount) AS amount FROM raw.events GROUP BY topic ORDER BY topic");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        """
                        | topic                 | events | amount |
                        |-----------------------|--------|--------|
                        | shop.item-returned.v1 | 1      | 3.00   |
                        | shop.item-sold.v1     | 2      | 12.50  |
                        """);
        var printed = ResultTable.parse(out.toString(StandardCharsets.UTF_8));
        assertThat(printed.matches(ResultTable.parse("| topic | events | amount |\n|---|---|---|\n"
                        + "| shop.item-returned.v1 | 1 | 3 |\n| shop.item-sold.v1 | 2 | 12.5 |")))
                .isTrue();
    }

    @Test
    void readsTheQueryFromStandardInputAndShowsNullAsAnEmptyCell() throws IOException {
        int exit = run("SELECT amount FROM raw.events WHERE amount IS NULL;\n", "--data-dir=" + dataDir, "shop");

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("| amount |\n|--------|\n|        |\n");
    }

    @Test
    void saysWhatIsWrongWithoutAStackTrace() throws IOException {
        assertThat(run("", "--data-dir=" + dataDir, "payment", "SELECT 1")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("No area of domain payment at ");

        err.reset();
        assertThat(run("", "--data-dir=" + dataDir, "shop", "SELECT nothing FROM raw.events"))
                .isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing").doesNotContain("\tat ");

        err.reset();
        assertThat(run("")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: java -jar enabling-materials/target/lab-sql.jar");
    }

    private int run(String stdin, String... args) throws IOException {
        return LabSql.run(
                args,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
