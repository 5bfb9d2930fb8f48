package dev.meshshop.domains.checkout.accounts;

import dev.meshshop.platform.operational.EntityChange.Operation;
import dev.meshshop.platform.operational.Outbox;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checkout's customer accounts, the service of its operational system: customers register, move and close their
 * accounts. Each operation changes the account's row and records the change in the system's outbox in one
 * transaction, so the change leaves the system (through the outbox relay, as a {@code CustomerChanged} event) if and
 * only if it committed. The mesh learns about accounts from those events alone; it never reads this database.
 */
public final class CustomerAccounts {

    /** The kind of entity the account's changes name. */
    public static final String ENTITY = "customer";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;

    public CustomerAccounts(DataSource database) {
        this.jdbc = JdbcClient.create(database);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(database));
        this.outbox = new Outbox(database);
    }

    /** Creates the accounts table and the outbox where they are missing: the system's schema migration. */
    public void migrate() {
        jdbc.sql(
                        """
                        CREATE TABLE IF NOT EXISTS customer_account (
                            id text PRIMARY KEY,
                            name text NOT NULL,
                            email text NOT NULL,
                            phone text,
                            street text NOT NULL,
                            postcode text NOT NULL,
                            city text NOT NULL,
                            registered_at timestamptz NOT NULL,
                            updated_at timestamptz NOT NULL)""")
                .update();
        outbox.createTable();
    }

    /** A customer opens an account. */
    public void register(CustomerAccount account) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql(
                            """
                            INSERT INTO customer_account
                                (id, name, email, phone, street, postcode, city, registered_at, updated_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(
                            account.id(),
                            account.name(),
                            account.email(),
                            account.phone(),
                            account.address().street(),
                            account.address().postcode(),
                            account.address().city(),
                            Timestamp.from(account.registeredAt()),
                            Timestamp.from(account.registeredAt()))
                    .update();
            outbox.record(ENTITY, account.id(), Operation.CREATED, account.state(), account.registeredAt());
        });
    }

    /** A customer moves: the account gets the new address. */
    public void move(String id, CustomerAccount.Address to, Instant at) {
        transactions.executeWithoutResult(status -> {
            var moved = find(id).orElseThrow(() -> unknown(id)).movedTo(to);
            jdbc.sql("UPDATE customer_account SET street = ?, postcode = ?, city = ?, updated_at = ? WHERE id = ?")
                    .params(to.street(), to.postcode(), to.city(), Timestamp.from(at), id)
                    .update();
            outbox.record(ENTITY, id, Operation.UPDATED, moved.state(), at);
        });
    }

    /** A customer closes their account: its row goes, its last state travels with the change. */
    public void close(String id, Instant at) {
        transactions.executeWithoutResult(status -> {
            var account = find(id).orElseThrow(() -> unknown(id));
            jdbc.sql("DELETE FROM customer_account WHERE id = ?").param(id).update();
            outbox.record(ENTITY, id, Operation.DELETED, account.state(), at);
        });
    }

    public Optional<CustomerAccount> find(String id) {
        return jdbc.sql("SELECT id, name, email, phone, street, postcode, city, registered_at FROM customer_account"
                        + " WHERE id = ?")
                .param(id)
                .query((row, number) -> new CustomerAccount(
                        row.getString("id"),
                        row.getString("name"),
                        row.getString("email"),
                        row.getString("phone"),
                        new CustomerAccount.Address(
                                row.getString("street"), row.getString("postcode"), row.getString("city")),
                        row.getTimestamp("registered_at").toInstant()))
                .optional();
    }

    /** How many changes the system has recorded so far, relayed or not. */
    public long changesRecorded() {
        return jdbc.sql("SELECT count(*) FROM mesh_outbox").query(Long.class).single();
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("Checkout has no customer account " + id);
    }
}
