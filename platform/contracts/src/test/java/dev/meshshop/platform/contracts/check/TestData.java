package dev.meshshop.platform.contracts.check;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory DuckDB database to build the data of one test in. */
final class TestData implements AutoCloseable {

    private final Connection connection;

    TestData() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    /** Runs SQL statements separated by semicolons, such as {@code CREATE TABLE ... AS SELECT ...}. */
    TestData sql(String statements) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
        return this;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
