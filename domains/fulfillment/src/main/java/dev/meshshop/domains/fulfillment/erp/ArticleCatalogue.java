package dev.meshshop.domains.fulfillment.erp;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The article catalogue of fulfillment's ERP, a bought system the domain does not change: articles are listed,
 * repriced, delisted, and now and then deleted when they were entered in error. It publishes nothing; the platform
 * captures the changes of its table {@code article} from the database's log. All it does for that is what it does
 * anyway: set {@code changed_at} on every change.
 */
public final class ArticleCatalogue {

    /** The captured table, and the kind of entity its rows are. */
    public static final String TABLE = "article";

    /** The column the ERP sets on every change: the article's time of change. */
    public static final String TIME_COLUMN = "changed_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    public ArticleCatalogue(DataSource database) {
        this.jdbc = JdbcClient.create(database);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
    }

    /** Creates the catalogue's table where it is missing: the ERP's own schema. */
    public void migrate() {
        jdbc.sql(
                        """
                        CREATE TABLE IF NOT EXISTS article (
                            id text PRIMARY KEY,
                            category text NOT NULL,
                            price numeric(10,2) NOT NULL,
                            status text NOT NULL,
                            changed_at timestamptz NOT NULL)""")
                .update();
    }

    public void list(String sku, String category, BigDecimal price, Instant at) {
        transactions.executeWithoutResult(status -> jdbc.sql(
                        "INSERT INTO article (id, category, price, status, changed_at) VALUES (?, ?, ?, 'listed', ?)")
                .params(sku, category, price, Timestamp.from(at))
                .update());
    }

    public void reprice(String sku, BigDecimal price, Instant at) {
        transactions.executeWithoutResult(status -> changed(
                jdbc.sql("UPDATE article SET price = ?, changed_at = ? WHERE id = ?")
                        .params(price, Timestamp.from(at), sku)
                        .update(),
                sku));
    }

    public void delist(String sku, Instant at) {
        transactions.executeWithoutResult(status -> changed(
                jdbc.sql("UPDATE article SET status = 'delisted', changed_at = ? WHERE id = ?")
                        .params(Timestamp.from(at), sku)
                        .update(),
                sku));
    }

    /** Deletes an article entered in error. The log knows when the delete committed, not a time the ERP sets. */
    public void delete(String sku) {
        transactions.executeWithoutResult(status ->
                changed(jdbc.sql("DELETE FROM article WHERE id = ?").param(sku).update(), sku));
    }

    public long articles() {
        return jdbc.sql("SELECT count(*) FROM article").query(Long.class).single();
    }

    private static void changed(int rows, String sku) {
        if (rows != 1) {
            throw new IllegalArgumentException("The ERP's catalogue has no article " + sku);
        }
    }
}
