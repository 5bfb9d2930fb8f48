package dev.meshshop.governance;

import dev.meshshop.platform.contracts.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The data about to be published holds no value in clear that looks like personal data: every text column is
 * scanned, in one query per port in DuckDB, with each of {@code patterns} (a name, such as {@code email}, and a
 * regular expression in RE2 syntax). Values found are counted, never copied into the finding. Ports without
 * data (a build that has none) are not checked.
 */
record PublishedDataRule(Map<String, String> patterns) implements Rule {

    PublishedDataRule {
        if (patterns == null || patterns.isEmpty()) {
            throw new IllegalArgumentException("A published-data check needs patterns, such as email: <regex>");
        }
        patterns = new LinkedHashMap<>(patterns);
    }

    @Override
    public List<Violation> check(GovernedProduct product) {
        var violations = new ArrayList<Violation>();
        for (var port : product.ports()) {
            if (port.data().isPresent()) {
                violations.addAll(scan(port.data().get()));
            }
        }
        return violations;
    }

    private List<Violation> scan(Path parquet) {
        String source = "read_parquet(" + Sql.literal(parquet) + ")";
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            var columns = new ArrayList<String>();
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                while (result.next()) {
                    if (result.getString("column_type").equals("VARCHAR")) {
                        columns.add(result.getString("column_name"));
                    }
                }
            }
            if (columns.isEmpty()) {
                return List.of();
            }
            var counts = new StringJoiner(", ", "SELECT ", " FROM " + source);
            for (String column : columns) {
                for (String pattern : patterns.values()) {
                    counts.add("count(*) FILTER (WHERE regexp_matches(" + Sql.identifier(column) + ", "
                            + Sql.literal(pattern) + "))");
                }
            }
            var violations = new ArrayList<Violation>();
            try (var statement = connection.createStatement();
                    var result = statement.executeQuery(counts.toString())) {
                result.next();
                int index = 1;
                for (String column : columns) {
                    for (String kind : patterns.keySet()) {
                        long found = result.getLong(index++);
                        if (found > 0) {
                            violations.add(new Violation(
                                    column,
                                    "the column " + column + " holds " + found + " value(s) that look like " + kind
                                            + " in clear"));
                        }
                    }
                }
            }
            return violations;
        } catch (SQLException e) {
            return List.of(new Violation("", "the data " + parquet + " could not be scanned: " + e.getMessage()));
        }
    }
}
