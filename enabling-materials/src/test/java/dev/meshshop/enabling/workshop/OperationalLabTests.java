package dev.meshshop.enabling.workshop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.meshshop.enabling.labsql.ResultTable;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Labs 0.1 and 1.2 in the workshop's mesh: what their prose says of the operational databases holds. The results
 * they state are checked by {@link EveryLabsSqlTests} on the live databases; here the snapshot step of lab 1.2 is run
 * as written, and what the labs read from their results (a price before the markdown is not in the ERP, the
 * question reads every change, the snapshot answers the same and has no keys) is checked against the mesh.
 */
@LabMesh
class OperationalLabTests {

    static final Lab YOUR_SYSTEM = Lab.read("0-1-your-system.md");
    static final Lab ASK_THE_DATABASE = Lab.read("1-2-ask-the-database.md");

    private static final String TOOL = "java -jar enabling-materials/target/lab-sql.jar ";
    private static final Pattern SEQUENTIAL_SCAN =
            Pattern.compile("Seq Scan on mesh_outbox \\(actual rows=(\\d+) loops=1\\)");
    private static final Pattern REMOVED = Pattern.compile("Rows Removed by Filter: (\\d+)");

    @Autowired
    FilledMesh mesh;

    @Test
    void lab01TheDelistedArticlesHadAnotherPriceBeforeWhichTheErpNoLongerKnows() {
        var delisted = YOUR_SYSTEM.result("delisted-articles");
        assertThat(delisted.rows()).isNotEmpty();
        int id = delisted.columns().indexOf("id");
        int price = delisted.columns().indexOf("price");
        for (var row : delisted.rows()) {
            var prices = mesh.inArea(
                    "fulfillment",
                    "SELECT DISTINCT price FROM model.article_history WHERE sku = '" + row.get(id)
                            + "' ORDER BY price");
            assertThat(prices.rows().stream().map(p -> p.get(0)).toList())
                    .as("the prices %s had over the year, as the mesh captured them", row.get(id))
                    .hasSizeGreaterThan(1)
                    .contains(row.get(price));
        }
    }

    @Test
    void lab01TheArticlesDeletedInErrorAreGoneFromTheErpAndKeptInTheHistory() {
        long inErp =
                Long.parseLong(YOUR_SYSTEM.result("articles-ever").rows().get(0).get(0));
        var history = mesh.inArea(
                "fulfillment",
                "SELECT count(DISTINCT sku) AS articles, count(DISTINCT sku) FILTER (WHERE deleted) AS deleted"
                        + " FROM model.article_history");
        long everListed = Long.parseLong(history.rows().get(0).get(0));
        long deleted = Long.parseLong(history.rows().get(0).get(1));
        assertThat(deleted).as("articles deleted as entered in error").isPositive();
        assertThat(inErp).isEqualTo(everListed - deleted);
    }

    @Test
    void lab12TheQuestionReadsEveryChangeTheSystemRecordedAndTheOperationOneAccountByItsKey() {
        String question = String.join("\n", column(ASK_THE_DATABASE.result("cost-of-the-question")));
        var scanned = SEQUENTIAL_SCAN.matcher(question);
        var removed = REMOVED.matcher(question);
        assertThat(scanned.find())
                .as("a sequential scan of the outbox in:%n%s", question)
                .isTrue();
        assertThat(removed.find())
                .as("rows removed by the filter in:%n%s", question)
                .isTrue();
        long changes = Long.parseLong(mesh.operational("checkout", "SELECT count(*) FROM mesh_outbox")
                .rows()
                .get(0)
                .get(0));
        assertThat(Long.parseLong(scanned.group(1)) + Long.parseLong(removed.group(1)))
                .isEqualTo(changes);
        assertThat(String.join("\n", column(ASK_THE_DATABASE.result("cost-of-an-operation"))))
                .contains("Index Scan using customer_account_pkey on customer_account (actual rows=1 loops=1)")
                .doesNotContain("Seq Scan");
    }

    @Test
    void lab12TheSnapshotCopiesEveryRowAnswersAsTheLiveDatabaseAndHasNoKeys() {
        String command = ASK_THE_DATABASE.block("bash", "snapshot").strip();
        assertThat(command).startsWith(TOOL);
        String printed = mesh.labSql(command.substring(TOOL.length()).split("\\s+"));

        long accounts = Long.parseLong(
                ASK_THE_DATABASE.result("accounts-now").rows().get(0).get(0));
        assertThat(printed)
                .contains("copied customer_account: " + accounts + " rows")
                .containsPattern("checkout_snapshot is a snapshot of checkout: \\d+ rows in \\d+ ms");

        ASK_THE_DATABASE.assertShows(
                "moves-in-2025", mesh.operational("checkout_snapshot", ASK_THE_DATABASE.block("sql", "moves-in-2025")));
        var lookup = mesh.operational("checkout_snapshot", ASK_THE_DATABASE.block("sql", "cost-of-an-operation"));
        assertThat(String.join("\n", column(lookup)))
                .contains("Seq Scan on customer_account")
                .doesNotContain("Index Scan");
    }

    @Test
    void theToolRefusesAQueryThatWritesToTheOperationalDatabase() {
        var result = mesh.labSqlFailure("--operational", "checkout", "DELETE FROM customer_account");
        assertThat(result).contains("read-only");
    }

    private static List<String> column(ResultTable table) {
        return table.rows().stream().map(row -> row.get(0)).toList();
    }
}
