package dev.meshshop.platform.contracts.check;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.contracts.check.PlannedCheck.Decided;
import dev.meshshop.platform.contracts.check.PlannedCheck.Header;
import dev.meshshop.platform.contracts.check.PlannedCheck.Measured;
import dev.meshshop.platform.contracts.check.PlannedCheck.Queried;
import dev.meshshop.platform.contracts.check.PlannedCheck.SampleRows;
import dev.meshshop.platform.contracts.check.PlannedCheck.Verdict;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs planned checks against the data. In {@link ScanMode#SHARED} mode every aggregate of every check goes
 * into one SELECT, so the relation is read once however many checks there are; identical aggregates (such as
 * the row count behind several percentages) are computed once. Failing rows are only fetched for checks that
 * failed.
 */
final class CheckRunner {

    /** The numbers a check measured, or why they could not be measured. */
    private record Measurement(List<BigDecimal> values, String error) {}

    private final Connection connection;
    private final Relation relation;
    private final ScanMode mode;
    private final int sampleSize;

    CheckRunner(Connection connection, Relation relation, ScanMode mode, int sampleSize) {
        this.connection = connection;
        this.relation = relation;
        this.mode = mode;
        this.sampleSize = sampleSize;
    }

    List<CheckResult> run(List<PlannedCheck> plan) {
        List<Measured> measured = plan.stream()
                .filter(Measured.class::isInstance)
                .map(Measured.class::cast)
                .toList();
        Map<Measured, Measurement> measurements = mode == ScanMode.SHARED ? scanOnce(measured) : scanEach(measured);
        List<CheckResult> results = new ArrayList<>();
        for (PlannedCheck check : plan) {
            if (check instanceof Decided decided) {
                results.add(decided.result());
            } else if (check instanceof Measured aggregate) {
                results.add(conclude(aggregate, measurements.get(aggregate)));
            } else if (check instanceof Queried query) {
                results.add(conclude(query));
            }
        }
        return results;
    }

    /** One SELECT with the aggregates of all checks; if it fails, each check runs alone to find the culprit. */
    private Map<Measured, Measurement> scanOnce(List<Measured> checks) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        checks.forEach(check -> check.aggregates().forEach(a -> positions.putIfAbsent(a, positions.size())));
        if (positions.isEmpty()) {
            return Map.of();
        }
        String select = positions.keySet().stream().collect(Collectors.joining(",\n  ", "SELECT\n  ", "\nFROM "));
        List<BigDecimal> row;
        try {
            row = queryRow(select + relation.sql());
        } catch (SQLException e) {
            return scanEach(checks);
        }
        Map<Measured, Measurement> measurements = new IdentityHashMap<>();
        for (Measured check : checks) {
            List<BigDecimal> values = new ArrayList<>();
            check.aggregates().forEach(aggregate -> values.add(row.get(positions.get(aggregate))));
            measurements.put(check, new Measurement(values, null));
        }
        return measurements;
    }

    private Map<Measured, Measurement> scanEach(List<Measured> checks) {
        Map<Measured, Measurement> measurements = new IdentityHashMap<>();
        for (Measured check : checks) {
            String select = "SELECT " + String.join(", ", check.aggregates()) + " FROM " + relation.sql();
            try {
                measurements.put(check, new Measurement(queryRow(select), null));
            } catch (SQLException e) {
                measurements.put(check, new Measurement(List.of(), firstLine(e.getMessage())));
            }
        }
        return measurements;
    }

    private CheckResult conclude(Measured check, Measurement measurement) {
        if (measurement.error() != null) {
            return cannotRun(check.header(), measurement.error());
        }
        Verdict verdict = check.judge().judge(measurement.values());
        CheckResult result = result(check.header(), verdict);
        if (!verdict.passed() && check.samples() != null) {
            return withSamples(result, check.samples());
        }
        return result;
    }

    private CheckResult conclude(Queried check) {
        List<BigDecimal> values;
        try {
            values = queryRow(check.query());
        } catch (SQLException e) {
            return cannotRun(check.header(), firstLine(e.getMessage()));
        }
        if (values == null || values.isEmpty() || values.get(0) == null) {
            return check.header()
                    .failed("no value", "", "the query returned no number", "make the query return one number");
        }
        return result(check.header(), check.judge().judge(values));
    }

    private static CheckResult result(Header header, Verdict verdict) {
        return verdict.passed()
                ? header.result(CheckStatus.PASSED, verdict.measured(), verdict.threshold(), "", "")
                : header.failed(verdict.measured(), verdict.threshold(), verdict.detail(), verdict.fix());
    }

    private static CheckResult cannotRun(Header header, String error) {
        return header.failed(
                "error",
                "",
                "the check could not run: " + error,
                "make the data and the contract agree on names and types (see the error)");
    }

    private CheckResult withSamples(CheckResult result, SampleRows rows) {
        String asText = rows.columns().stream()
                .map(column -> "CAST(" + Sql.identifier(column) + " AS VARCHAR) AS " + Sql.identifier(column))
                .collect(Collectors.joining(", "));
        StringBuilder sql =
                new StringBuilder("SELECT ").append(asText).append(" FROM ").append(relation.sql());
        if (rows.where() != null) {
            sql.append(" WHERE ").append(rows.where());
        }
        if (!rows.repeatedKeys().isEmpty()) {
            String keys = Sql.identifiers(rows.repeatedKeys());
            sql.append(" QUALIFY count(*) OVER (PARTITION BY ")
                    .append(keys)
                    .append(") > 1 ORDER BY ")
                    .append(keys);
        }
        sql.append(" LIMIT ").append(sampleSize);
        List<List<String>> samples = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql.toString())) {
            while (resultSet.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= rows.columns().size(); i++) {
                    row.add(resultSet.getString(i));
                }
                samples.add(row);
            }
        } catch (SQLException e) {
            return result; // the failure stands without examples
        }
        return new CheckResult(
                result.check(),
                result.category(),
                result.element(),
                result.status(),
                result.measured(),
                result.threshold(),
                result.detail(),
                result.fix(),
                new Samples(rows.columns(), samples));
    }

    /** The first row of a query as numbers; booleans count as 1 and 0. Empty when there is no row. */
    private List<BigDecimal> queryRow(String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            if (!resultSet.next()) {
                return List.of();
            }
            int columns = resultSet.getMetaData().getColumnCount();
            List<BigDecimal> values = new ArrayList<>(columns);
            for (int i = 1; i <= columns; i++) {
                values.add(decimal(resultSet.getObject(i)));
            }
            return values;
        }
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Boolean bool) {
            return bool ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value.toString());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** The line of a DuckDB error that says what went wrong, without the wrapper JDBC puts around it. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        return message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.contains("unsuccessful or closed pending query result"))
                .map(line -> line.startsWith("Error: ") ? line.substring("Error: ".length()) : line)
                .findFirst()
                .orElse(message.strip());
    }
}
