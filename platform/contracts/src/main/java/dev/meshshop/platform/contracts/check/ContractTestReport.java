package dev.meshshop.platform.contracts.check;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What testing one object of a contract against its data found. {@link #blocks()} tells a publish step whether
 * the data may go out; {@link #toText()} and {@link #toJson()} render the report for people and for tools.
 */
public final class ContractTestReport {

    /** Writes records by their components only, not by helper methods such as {@code isEmpty()}. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);

    private static final int MAX_CELL = 48;

    private final String contractId;
    private final String contractVersion;
    private final String object;
    private final String relation;
    private final Instant testedAt;
    private final Duration duration;
    private final List<CheckResult> checks;

    ContractTestReport(
            String contractId,
            String contractVersion,
            String object,
            String relation,
            Instant testedAt,
            Duration duration,
            List<CheckResult> checks) {
        this.contractId = contractId;
        this.contractVersion = contractVersion;
        this.object = object;
        this.relation = relation;
        this.testedAt = testedAt;
        this.duration = duration;
        this.checks = List.copyOf(checks);
    }

    /** Whether any check failed with severity error: the data does not fulfil its contract. */
    public boolean blocks() {
        return checks.stream().anyMatch(check -> check.status() == CheckStatus.FAILED);
    }

    public List<CheckResult> checks() {
        return checks;
    }

    /** The checks that failed with severity error. */
    public List<CheckResult> failures() {
        return withStatus(CheckStatus.FAILED);
    }

    /** The checks that failed with a severity below error. */
    public List<CheckResult> warnings() {
        return withStatus(CheckStatus.WARNING);
    }

    public String contractId() {
        return contractId;
    }

    public String contractVersion() {
        return contractVersion;
    }

    /** The contract's schema object that was tested. */
    public String object() {
        return object;
    }

    /** The table, view or files that were tested. */
    public String relation() {
        return relation;
    }

    public Instant testedAt() {
        return testedAt;
    }

    public Duration duration() {
        return duration;
    }

    private List<CheckResult> withStatus(CheckStatus status) {
        return checks.stream().filter(check -> check.status() == status).toList();
    }

    /** A table of all checks, then each failure with its fix and sample rows. */
    public String toText() {
        StringBuilder text = new StringBuilder()
                .append("Contract %s %s, object %s, data %s: %s (%s) in %d ms%n%n"
                        .formatted(
                                contractId,
                                contractVersion,
                                object,
                                relation,
                                blocks() ? "FAILED" : "PASSED",
                                summary(),
                                duration.toMillis()));
        List<Function<CheckResult, String>> cells = List.of(
                check -> check.status().name().toLowerCase(java.util.Locale.ROOT),
                check -> check.category().name().toLowerCase(java.util.Locale.ROOT),
                CheckResult::element,
                CheckResult::check,
                CheckResult::measured,
                CheckResult::threshold);
        List<String> headings = List.of("STATUS", "CATEGORY", "ELEMENT", "CHECK", "MEASURED", "THRESHOLD");
        List<List<String>> rows = new ArrayList<>();
        rows.add(headings);
        checks.forEach(
                check -> rows.add(cells.stream().map(cell -> cell.apply(check)).toList()));
        appendTable(text, rows);
        for (CheckResult check : checks) {
            if (check.status() == CheckStatus.PASSED) {
                continue;
            }
            text.append("%n%s %s %s: %s%n".formatted(check.status(), check.element(), check.check(), check.detail()));
            if (!check.fix().isEmpty()) {
                text.append("  fix: ").append(check.fix()).append(System.lineSeparator());
            }
            if (!check.samples().isEmpty()) {
                text.append("  failing rows:").append(System.lineSeparator());
                List<List<String>> sampleRows = new ArrayList<>();
                sampleRows.add(check.samples().columns());
                check.samples()
                        .rows()
                        .forEach(row -> sampleRows.add(row.stream()
                                .map(value -> value == null ? "NULL" : value)
                                .toList()));
                StringBuilder table = new StringBuilder();
                appendTable(table, sampleRows);
                table.toString()
                        .lines()
                        .forEach(line -> text.append("    ").append(line).append(System.lineSeparator()));
            }
        }
        return text.toString();
    }

    /** The report as JSON: the contract, the object and data tested, a summary and every check. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new JsonView(
                    contractId,
                    contractVersion,
                    object,
                    relation,
                    testedAt.toString(),
                    duration.toMillis(),
                    !blocks(),
                    new Summary(
                            withStatus(CheckStatus.PASSED).size(),
                            failures().size(),
                            warnings().size(),
                            withStatus(CheckStatus.SKIPPED).size()),
                    checks));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String summary() {
        return "%d passed, %d failed, %d warning(s), %d skipped"
                .formatted(
                        withStatus(CheckStatus.PASSED).size(),
                        failures().size(),
                        warnings().size(),
                        withStatus(CheckStatus.SKIPPED).size());
    }

    private static void appendTable(StringBuilder text, List<List<String>> rows) {
        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], cell(row.get(i)).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + widths[i] + "s", cell(row.get(i))));
                if (i < row.size() - 1) {
                    line.append("  ");
                }
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    private static String cell(String value) {
        String text = value == null ? "" : value.replace('\n', ' ');
        return text.length() <= MAX_CELL ? text : text.substring(0, MAX_CELL - 3) + "...";
    }

    private record Summary(int passed, int failed, int warnings, int skipped) {}

    private record JsonView(
            String contract,
            String version,
            String object,
            String relation,
            String testedAt,
            long durationMillis,
            boolean passed,
            Summary summary,
            List<CheckResult> checks) {}
}
