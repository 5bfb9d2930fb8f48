package dev.meshshop.apps.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The questions of docs/questions, each in DuckDB's dialect (what the query service runs) and in Trino's
 * (docs/questions/trino), and their answers in one form for both engines, so that a test can say they are the
 * same: numbers to six decimals without trailing zeros, timestamps as ISO local date-times, the rest as text.
 */
final class TrinoQuestions {

    static final Path QUESTIONS =
            Path.of("../../docs/questions").toAbsolutePath().normalize();

    private TrinoQuestions() {}

    /** A question: its file name and its SQL in each dialect, without the closing semicolon. */
    record Question(String file, String duckdb, String trino) {}

    static List<Question> all() {
        try (Stream<Path> files = Files.list(QUESTIONS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".sql"))
                    .sorted()
                    .map(file -> new Question(
                            file.getFileName().toString(),
                            statement(file),
                            statement(QUESTIONS.resolve("trino").resolve(file.getFileName()))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String statement(Path file) {
        try {
            return Files.readString(file).strip().replaceAll(";$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Every question has a Trino version in docs/questions/trino: " + file, e);
        }
    }

    /** The rows Trino answers {@code sql} with, as {@code user}. */
    static List<List<String>> throughTrino(int port, String user, String sql) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user);
        try (var connection = DriverManager.getConnection("jdbc:trino://localhost:" + port + "/mesh", properties);
                var statement = connection.createStatement()) {
            statement.setQueryTimeout(120);
            try (var rows = statement.executeQuery(sql)) {
                var answer = new ArrayList<List<String>>();
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    var row = new ArrayList<String>();
                    for (int column = 1; column <= columns; column++) {
                        Object value = rows.getObject(column);
                        row.add(
                                value instanceof java.sql.Timestamp timestamp
                                        ? canonical(timestamp.toLocalDateTime().toString())
                                        : canonical(value == null ? null : value.toString()));
                    }
                    answer.add(row);
                }
                return answer;
            }
        }
    }

    /** The rows of a query service answer ({@code rows} of its JSON). */
    static List<List<String>> ofQueryService(JsonNode answer) {
        var rows = new ArrayList<List<String>>();
        for (JsonNode values : answer.path("rows")) {
            var row = new ArrayList<String>();
            values.forEach(value -> row.add(canonical(value.isNull() ? null : value.asText())));
            rows.add(row);
        }
        return rows;
    }

    /** One value in the form both engines' answers are compared in. */
    static String canonical(String value) {
        if (value == null) {
            return "null";
        }
        try {
            return new BigDecimal(value)
                    .setScale(6, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString();
        } catch (NumberFormatException notANumber) {
            // a time, or text
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T')).toString();
        } catch (DateTimeParseException notATime) {
            return value;
        }
    }
}
