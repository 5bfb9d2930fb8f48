package dev.meshshop.platform.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshshop.platform.access.MeshProblem;
import dev.meshshop.platform.storage.ProductId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a statement with DuckDB's own parser ({@code json_serialize_sql}) and lets through only one SELECT whose
 * every table is a product named {@code <domain>.<product>} or a name the statement defines itself (a CTE). What it
 * refuses, it names with the reason. The engine enforces the same again (no file access outside the granted
 * snapshots, locked settings); this check is what gives the caller a clear answer.
 */
final class SqlGuard {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Table functions that only generate values; every other one reads something the caller was not granted. */
    private static final Set<String> GENERATORS = Set.of("range", "generate_series", "unnest");

    private static final Pattern FILE_READER = Pattern.compile(
            "read_.*|.*_scan|glob|sniff_csv|parquet_.*|.*_metadata|.*_schema|query|query_table|iceberg_.*|delta_.*");

    private static final Pattern LOOKS_LIKE_A_FILE = Pattern.compile(".*[/\\\\:*?.].*");

    private SqlGuard() {}

    /**
     * The products {@code sql} reads, if it is one SELECT over products; refuses it (status 400) otherwise.
     *
     * @param parser any DuckDB connection; only its parser is used
     */
    static Set<ProductId> productsRead(Connection parser, String sql) throws SQLException {
        var statements = StatementText.statements(sql);
        if (statements.isEmpty()) {
            throw refused("The SQL is empty: send one SELECT statement, for example SELECT * FROM checkout.orders");
        }
        if (statements.size() > 1) {
            throw refused("Send one statement at a time; this text has " + statements.size()
                    + " separated by semicolons. Each query runs on its own, so combine them with a join, a UNION or"
                    + " WITH ... SELECT.");
        }
        JsonNode parsed;
        try (var statement = parser.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            statement.setString(1, sql);
            try (var result = statement.executeQuery()) {
                result.next();
                parsed = JSON.readTree(result.getString(1));
            }
        } catch (IOException e) {
            throw new SQLException("DuckDB's parser answered with unreadable JSON", e);
        }
        if (parsed.path("error").asBoolean()) {
            throw notOneSelect(statements.get(0), parsed);
        }
        if (parsed.path("statements").size() != 1) {
            throw refused("Send one statement at a time; DuckDB reads "
                    + parsed.path("statements").size() + " here.");
        }
        var ctes = new HashSet<String>();
        collectCtes(parsed, ctes);
        var products = new LinkedHashSet<ProductId>();
        check(parsed, ctes, products);
        return products;
    }

    private static MeshProblem notOneSelect(String statement, JsonNode parsed) {
        String keyword = StatementText.firstKeyword(statement);
        String why =
                switch (keyword) {
                    case "INSERT",
                            "UPDATE",
                            "DELETE",
                            "MERGE",
                            "UPSERT",
                            "CREATE",
                            "DROP",
                            "ALTER",
                            "TRUNCATE",
                            "REPLACE",
                            "COMMENT",
                            "VACUUM",
                            "CHECKPOINT",
                            "ANALYZE" ->
                        keyword + " writes: the query service only reads. Products change only when their owner"
                                + " publishes them.";
                    case "ATTACH", "DETACH", "USE" ->
                        keyword + " attaches or switches databases: the query service reads only the products you"
                                + " were granted, by name, for example checkout.orders.";
                    case "COPY", "EXPORT", "IMPORT" ->
                        keyword + " copies data to or from files: the query service neither reads nor writes files."
                                + " To take data away, ask for CSV (Accept: text/csv) or use Flight SQL.";
                    case "INSTALL", "LOAD", "FORCE" ->
                        keyword + " installs or loads an extension: the query service runs with the extensions it"
                                + " has.";
                    case "SET", "RESET", "PRAGMA", "CALL" ->
                        keyword + " changes or reads settings: the query service's settings (limits, file access)"
                                + " are fixed.";
                    case "BEGIN", "START", "COMMIT", "ROLLBACK", "ABORT", "END" ->
                        keyword + " controls a transaction: every query runs on its own snapshot, read-only.";
                    default -> {
                        if (parsed.path("error_type").asText().equals("parser")) {
                            yield "DuckDB cannot parse it: "
                                    + parsed.path("error_message").asText();
                        }
                        if (statement.toUpperCase(Locale.ROOT).contains("PIVOT")) {
                            yield "The short PIVOT form (PIVOT ... ON ...) creates types before it reads, so it cannot"
                                    + " run here: list the values, as in SELECT * FROM checkout.orders PIVOT (count(*)"
                                    + " FOR status IN ('purchased', 'cancelled')).";
                        }
                        yield keyword + " is not a SELECT: the query service runs one SELECT (or WITH ... SELECT,"
                                + " FROM ..., VALUES ...) at a time.";
                    }
                };
        return refused(why);
    }

    private static void collectCtes(JsonNode node, Set<String> ctes) {
        if (node.isObject()) {
            for (var cte : node.path("cte_map").path("map")) {
                ctes.add(cte.path("key").asText().toLowerCase(Locale.ROOT));
            }
        }
        node.forEach(child -> collectCtes(child, ctes));
    }

    private static void check(JsonNode node, Set<String> ctes, Set<ProductId> products) {
        if (node.isObject()) {
            switch (node.path("type").asText()) {
                case "BASE_TABLE" -> products.addAll(table(node, ctes));
                case "TABLE_FUNCTION" -> tableFunction(node.path("function"));
                default -> {}
            }
        }
        node.forEach(child -> check(child, ctes, products));
    }

    private static Set<ProductId> table(JsonNode table, Set<String> ctes) {
        // DuckDB's names are case-insensitive, quoted or not; products are named in lower case
        String catalog = table.path("catalog_name").asText().toLowerCase(Locale.ROOT);
        String schema = table.path("schema_name").asText().toLowerCase(Locale.ROOT);
        String name = table.path("table_name").asText().toLowerCase(Locale.ROOT);
        if (!catalog.isEmpty()) {
            throw refused("'" + catalog + "." + schema + "." + name + "' names a database: the query service has"
                    + " none to offer but the products, named <domain>.<product>, for example checkout.orders.");
        }
        if (schema.isEmpty()) {
            if (ctes.contains(name)) {
                return Set.of();
            }
            if (LOOKS_LIKE_A_FILE.matcher(name).matches()) {
                throw refused("'" + name + "' reads a file or URL directly: the query service reads only products,"
                        + " by name, for example checkout.orders.");
            }
            throw new MeshProblem(
                    404,
                    "Unknown product",
                    "'" + name + "' is not a product: name products as <domain>.<product>, for example"
                            + " checkout.orders.");
        }
        try {
            return Set.of(new ProductId(schema, name));
        } catch (IllegalArgumentException e) {
            throw new MeshProblem(
                    404,
                    "Unknown product",
                    "'" + schema + "." + name + "' is not a product name: " + e.getMessage() + ".");
        }
    }

    private static void tableFunction(JsonNode function) {
        String name = function.path("function_name").asText().toLowerCase(Locale.ROOT);
        if (GENERATORS.contains(name)) {
            return;
        }
        if (FILE_READER.matcher(name).matches()) {
            throw refused(name + "(...) reads files, URLs or the engine's own catalog directly: the query service"
                    + " reads only products, by name, for example SELECT * FROM checkout.orders.");
        }
        throw refused("The table function " + name + "(...) is not available: the query service reads products"
                + " by name (checkout.orders) and generates values with " + GENERATORS + " only.");
    }

    private static MeshProblem refused(String detail) {
        return new MeshProblem(400, "Statement refused", detail);
    }
}
