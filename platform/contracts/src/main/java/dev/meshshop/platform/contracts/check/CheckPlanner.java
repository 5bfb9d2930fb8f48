package dev.meshshop.platform.contracts.check;

import dev.meshshop.platform.contracts.Sql;
import dev.meshshop.platform.contracts.check.PlannedCheck.Decided;
import dev.meshshop.platform.contracts.check.PlannedCheck.Header;
import dev.meshshop.platform.contracts.check.PlannedCheck.Judge;
import dev.meshshop.platform.contracts.check.PlannedCheck.Measured;
import dev.meshshop.platform.contracts.check.PlannedCheck.Queried;
import dev.meshshop.platform.contracts.check.PlannedCheck.SampleRows;
import dev.meshshop.platform.contracts.check.PlannedCheck.Verdict;
import dev.meshshop.platform.contracts.model.DataContract;
import dev.meshshop.platform.contracts.model.LogicalType;
import dev.meshshop.platform.contracts.model.LogicalTypeOptions;
import dev.meshshop.platform.contracts.model.Metric;
import dev.meshshop.platform.contracts.model.QualityRule;
import dev.meshshop.platform.contracts.model.QualityType;
import dev.meshshop.platform.contracts.model.SchemaObject;
import dev.meshshop.platform.contracts.model.SchemaProperty;
import dev.meshshop.platform.contracts.model.SlaProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans the checks of one schema object against the columns of the data: what each property, quality rule and
 * service level of the contract asks, as SQL aggregates where the data must be read.
 */
final class CheckPlanner {

    /** String formats with a check, as SQL conditions that hold for values of the wrong form ({@code %s}: value). */
    private static final Map<String, String> STRING_FORMATS = Map.of(
            "email", "NOT regexp_matches(%s, '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')",
            "uuid", "TRY_CAST(%s AS UUID) IS NULL",
            "uri", "NOT regexp_matches(%s, '^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]+$')",
            "hostname",
                    "NOT regexp_matches(%s, '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$')",
            "ipv4",
                    "NOT regexp_matches(%s, '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$')",
            "byte", "NOT regexp_matches(%s, '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$')");

    /** Integer formats as the smallest and largest value they hold. */
    private static final Map<String, BigDecimal[]> INTEGER_RANGES = Map.of(
            "i8", range(-128, 127),
            "i16", range(-32_768, 32_767),
            "i32", range(Integer.MIN_VALUE, Integer.MAX_VALUE),
            "i64", range(Long.MIN_VALUE, Long.MAX_VALUE),
            "u8", range(0, 255),
            "u16", range(0, 65_535),
            "u32", range(0, 4_294_967_295L),
            "u64", new BigDecimal[] {BigDecimal.ZERO, new BigDecimal("18446744073709551615")});

    /** v3.0.x library rules that have a v3.1.0 metric. */
    private static final Map<String, Metric> LEGACY_RULES =
            Map.of("rowCount", Metric.ROW_COUNT, "duplicateCount", Metric.DUPLICATE_VALUES);

    private static final Set<String> TESTED_SLAS = Set.of("latency", "freshness", "retention");

    private final DataContract contract;
    private final SchemaObject object;
    private final Relation relation;
    private final List<Column> columns;
    private final Instant now;
    private final List<PlannedCheck> plan = new ArrayList<>();

    private CheckPlanner(
            DataContract contract, SchemaObject object, Relation relation, List<Column> columns, Instant now) {
        this.contract = contract;
        this.object = object;
        this.relation = relation;
        this.columns = columns;
        this.now = now;
    }

    static List<PlannedCheck> plan(
            DataContract contract, SchemaObject object, Relation relation, List<Column> columns, Instant now) {
        CheckPlanner planner = new CheckPlanner(contract, object, relation, columns, now);
        object.properties().forEach(planner::planProperty);
        planner.planPrimaryKey();
        object.quality().forEach(rule -> planner.planQuality(rule, null, null));
        contract.slaProperties().forEach(planner::planServiceLevel);
        return List.copyOf(planner.plan);
    }

    // ---- properties ----------------------------------------------------------------------------------------

    private void planProperty(SchemaProperty property) {
        String element = element(property);
        Optional<Column> found = column(property);
        LogicalType logicalType = property.logicalType();
        String expected = logicalType == null
                ? "present"
                : logicalType + " (" + Column.typesHolding(logicalType, property.logicalTypeOptions()) + ")";
        Header typeCheck = schemaHeader("logicalType", element);
        if (found.isEmpty()) {
            plan.add(new Decided(
                    typeCheck,
                    typeCheck.failed(
                            "missing",
                            expected,
                            "the data has no column " + property.columnName(),
                            "add the column " + property.columnName() + " to " + relation.name()
                                    + ", or remove the property from the contract (a breaking change)")));
            property.quality().stream()
                    .filter(rule -> rule.type() != QualityType.TEXT)
                    .forEach(rule -> skip(qualityHeader(rule, element), "the column is missing"));
            return;
        }
        Column column = found.get();
        boolean holds = logicalType == null || column.holds(logicalType, property.logicalTypeOptions());
        plan.add(new Decided(
                typeCheck,
                holds
                        ? typeCheck.result(CheckStatus.PASSED, column.type(), expected, "", "")
                        : typeCheck.failed(
                                column.type(),
                                expected,
                                "column " + column.name() + " is " + column.type() + ", which does not hold "
                                        + logicalType + " values",
                                "store " + column.name() + " as "
                                        + Column.typesHolding(logicalType, property.logicalTypeOptions())
                                        + ", or correct its logicalType")));
        if (property.required()) {
            plan.add(violations(
                    schemaHeader("required", element),
                    column.sql() + " IS NULL",
                    "without a value",
                    "make the producer always set " + column.name() + ", or declare it required: false",
                    column));
        }
        if (property.unique()) {
            plan.add(repeats(
                    schemaHeader("unique", element),
                    List.of(column),
                    "make " + column.name() + " unique (deduplicate upstream), or declare it unique: false"));
        }
        if (holds && logicalType != null) {
            planOptions(property, column, element);
        } else if (!holds) {
            optionNames(property.logicalTypeOptions())
                    .forEach(option -> skip(
                            schemaHeader("logicalTypeOptions." + option, element),
                            "not run: the column type " + column.type() + " does not hold " + logicalType));
        }
        property.quality().forEach(rule -> planQuality(rule, property, column));
    }

    private void planOptions(SchemaProperty property, Column column, String element) {
        LogicalTypeOptions options = property.logicalTypeOptions();
        LogicalType logicalType = property.logicalType();
        String value = valueOf(column, logicalType, options);
        String text = column.isText() ? column.sql() : "CAST(" + column.sql() + " AS VARCHAR)";
        if (options.minLength() != null) {
            option(
                    element,
                    "minLength",
                    "length(" + text + ") < " + options.minLength(),
                    column,
                    "shorter than " + options.minLength() + " characters");
        }
        if (options.maxLength() != null) {
            option(
                    element,
                    "maxLength",
                    "length(" + text + ") > " + options.maxLength(),
                    column,
                    "longer than " + options.maxLength() + " characters");
        }
        if (options.pattern() != null) {
            option(
                    element,
                    "pattern",
                    "NOT regexp_matches(" + text + ", " + Sql.literal(options.pattern()) + ")",
                    column,
                    "not matching " + options.pattern());
        }
        if (options.format() != null) {
            planFormat(element, column, logicalType, options.format(), text);
        }
        bound(element, "minimum", options.minimum(), value, "<", logicalType, column, "below");
        bound(element, "exclusiveMinimum", options.exclusiveMinimum(), value, "<=", logicalType, column, "not above");
        bound(element, "maximum", options.maximum(), value, ">", logicalType, column, "above");
        bound(element, "exclusiveMaximum", options.exclusiveMaximum(), value, ">=", logicalType, column, "not below");
        if (options.multipleOf() != null) {
            option(
                    element,
                    "multipleOf",
                    value + " % " + Sql.number(options.multipleOf()) + " <> 0",
                    column,
                    "not a multiple of " + options.multipleOf().toPlainString());
        }
        if (options.minItems() != null) {
            option(
                    element,
                    "minItems",
                    "len(" + column.sql() + ") < " + options.minItems(),
                    column,
                    "with fewer than " + options.minItems() + " items");
        }
        if (options.maxItems() != null) {
            option(
                    element,
                    "maxItems",
                    "len(" + column.sql() + ") > " + options.maxItems(),
                    column,
                    "with more than " + options.maxItems() + " items");
        }
        if (Boolean.TRUE.equals(options.uniqueItems())) {
            option(
                    element,
                    "uniqueItems",
                    "len(" + column.sql() + ") <> len(list_distinct(" + column.sql() + "))",
                    column,
                    "with repeated items");
        }
    }

    private void planFormat(String element, Column column, LogicalType logicalType, String format, String text) {
        Header header = schemaHeader("logicalTypeOptions.format", element);
        switch (logicalType) {
            case STRING -> {
                String condition = STRING_FORMATS.get(format.toLowerCase(Locale.ROOT));
                if (condition == null) {
                    skip(header, "there is no check for the string format '" + format + "'");
                } else {
                    plan.add(violations(
                            header,
                            condition.formatted(text),
                            "not in " + format + " format",
                            optionFix(column, "format"),
                            column));
                }
            }
            case DATE, TIMESTAMP, TIME -> {
                if (!column.isText()) {
                    return; // a typed column holds values, not text in a format
                }
                Optional<String> strptime = DateFormats.toStrptime(format);
                if (strptime.isEmpty()) {
                    skip(header, "the date format '" + format + "' has no strptime translation");
                } else {
                    plan.add(violations(
                            header,
                            "try_strptime(" + column.sql() + ", " + Sql.literal(strptime.get()) + ") IS NULL",
                            "not in the format " + format,
                            optionFix(column, "format"),
                            column));
                }
            }
            case INTEGER -> {
                BigDecimal[] range = INTEGER_RANGES.get(format);
                if (range != null) {
                    plan.add(violations(
                            header,
                            column.sql() + " < " + Sql.number(range[0]) + " OR " + column.sql() + " > "
                                    + Sql.number(range[1]),
                            "out of the range of " + format,
                            optionFix(column, "format"),
                            column));
                }
            }
            default -> {
                // number formats (f32, f64) say how values are stored, not which values are valid
            }
        }
    }

    private void bound(
            String element,
            String option,
            String bound,
            String value,
            String violating,
            LogicalType logicalType,
            Column column,
            String comparison) {
        if (bound == null) {
            return;
        }
        String literal = literal(bound, logicalType);
        option(element, option, value + " " + violating + " " + literal, column, comparison + " " + bound);
    }

    private void option(String element, String option, String condition, Column column, String violation) {
        plan.add(violations(
                schemaHeader("logicalTypeOptions." + option, element),
                condition,
                violation,
                optionFix(column, option),
                column));
    }

    private static String optionFix(Column column, String option) {
        return "correct these values of " + column.name() + " at their source, or relax " + option + " in the contract";
    }

    /** The column as values of its logical type: dates kept as text are parsed with the contract's format. */
    private static String valueOf(Column column, LogicalType logicalType, LogicalTypeOptions options) {
        if (logicalType.isTemporal() && column.isText() && options.format() != null) {
            String parsed = DateFormats.toStrptime(options.format())
                    .map(format -> "try_strptime(" + column.sql() + ", " + Sql.literal(format) + ")")
                    .orElse("TRY_CAST(" + column.sql() + " AS TIMESTAMP)");
            return logicalType == LogicalType.TIME ? "CAST(" + parsed + " AS TIME)" : parsed;
        }
        return column.sql();
    }

    /** A bound as a SQL value: a number, or a date, timestamp or time literal. */
    private static String literal(String bound, LogicalType logicalType) {
        if (!logicalType.isTemporal()) {
            return Sql.number(new BigDecimal(bound));
        }
        String text = bound.trim();
        if (logicalType == LogicalType.TIME) {
            return "TIME " + Sql.literal(text);
        }
        if (text.length() == 10) {
            return "DATE " + Sql.literal(text);
        }
        boolean offset = text.endsWith("Z") || text.matches(".*[T ].*[+-]\\d{2}:?\\d{2}$");
        return (offset ? "TIMESTAMPTZ " : "TIMESTAMP ") + Sql.literal(text);
    }

    private static List<String> optionNames(LogicalTypeOptions options) {
        List<String> names = new ArrayList<>();
        if (options.minLength() != null) names.add("minLength");
        if (options.maxLength() != null) names.add("maxLength");
        if (options.pattern() != null) names.add("pattern");
        if (options.format() != null) names.add("format");
        if (options.minimum() != null) names.add("minimum");
        if (options.exclusiveMinimum() != null) names.add("exclusiveMinimum");
        if (options.maximum() != null) names.add("maximum");
        if (options.exclusiveMaximum() != null) names.add("exclusiveMaximum");
        if (options.multipleOf() != null) names.add("multipleOf");
        if (options.minItems() != null) names.add("minItems");
        if (options.maxItems() != null) names.add("maxItems");
        if (options.uniqueItems() != null) names.add("uniqueItems");
        return names;
    }

    private void planPrimaryKey() {
        List<SchemaProperty> key = object.primaryKey();
        if (key.isEmpty()) {
            return;
        }
        Header header = schemaHeader("primaryKey", object.name());
        List<Column> keyColumns =
                key.stream().map(this::column).flatMap(Optional::stream).toList();
        if (keyColumns.size() < key.size()) {
            skip(header, "not run: a column of the key is missing");
            return;
        }
        String names = keyColumns.stream().map(Column::name).collect(Collectors.joining(", "));
        String anyNull = keyColumns.stream().map(c -> c.sql() + " IS NULL").collect(Collectors.joining(" OR "));
        String allSet = keyColumns.stream().map(c -> c.sql() + " IS NOT NULL").collect(Collectors.joining(" AND "));
        String distinctKey = keyColumns.size() == 1
                ? keyColumns.get(0).sql()
                : "(" + Sql.identifiers(keyColumns.stream().map(Column::name).toList()) + ")";
        List<String> aggregates = List.of(
                "count(*) FILTER (WHERE " + anyNull + ")",
                "count(*) FILTER (WHERE " + allSet + ") - count(DISTINCT " + distinctKey + ") FILTER (WHERE " + allSet
                        + ")");
        Judge judge = values -> {
            long missing = values.get(0).longValue();
            long repeated = values.get(1).longValue();
            long violations = missing + repeated;
            return new Verdict(
                    violations == 0,
                    rows(violations),
                    "0 rows",
                    rows(missing) + " without a key, " + rows(repeated) + " repeating a key (" + names + ")",
                    "deduplicate on (" + names + ") and fill every key column, or correct the primary key");
        };
        List<String> keyNames = keyColumns.stream().map(Column::name).toList();
        plan.add(new Measured(header, aggregates, judge, new SampleRows(null, keyNames, keyNames)));
    }

    // ---- quality -------------------------------------------------------------------------------------------

    private void planQuality(QualityRule rule, SchemaProperty property, Column column) {
        String element = property == null ? object.name() : element(property);
        Header header = qualityHeader(rule, element);
        switch (rule.type()) {
            case TEXT -> {
                // prose for people, nothing to run
            }
            case CUSTOM -> skip(header, "a rule for " + rule.engine() + "; run it with that engine");
            case SQL -> planSqlRule(rule, header, column);
            case LIBRARY -> planMetric(rule, header, column);
        }
    }

    private void planSqlRule(QualityRule rule, Header header, Column column) {
        if (rule.threshold() == null) {
            skip(header, "the rule has no operator, so nothing says which results pass");
            return;
        }
        String query = rule.query()
                .replace("${table}", relation.sql())
                .replace("${object}", relation.sql())
                .replace("{table}", relation.sql())
                .replace("{object}", relation.sql());
        if (column != null) {
            query = query.replace("${column}", column.sql())
                    .replace("${property}", column.sql())
                    .replace("{column}", column.sql())
                    .replace("{property}", column.sql());
        }
        plan.add(new Queried(header, query, values -> {
            BigDecimal value = values.get(0);
            boolean passed = rule.threshold().accepts(value);
            return new Verdict(
                    passed,
                    plain(value),
                    rule.threshold().toString(),
                    "the query returned " + plain(value) + describe(rule),
                    "correct the data at its source, or the query or threshold if the expectation was wrong");
        }));
    }

    private void planMetric(QualityRule rule, Header header, Column column) {
        Metric metric = rule.metric() != null ? rule.metric() : LEGACY_RULES.get(rule.rule());
        if (metric == null) {
            if (rule.rule() != null) {
                skip(header, "'" + rule.rule() + "' is not a library metric; v3.1.0 names a metric instead");
            }
            return;
        }
        if (rule.threshold() == null) {
            skip(header, "the rule has no operator, so nothing says which values pass");
            return;
        }
        Optional<String> count = metricCount(rule, metric, column);
        if (count.isEmpty()) {
            skip(header, metric + " needs " + (column == null ? "arguments.properties" : "a property") + " to count");
            return;
        }
        List<String> aggregates = rule.inPercent() ? List.of(count.get(), "count(*)") : List.of(count.get());
        plan.add(new Measured(header, aggregates, metricJudge(rule, metric), metricSamples(rule, metric, column)));
    }

    private Optional<String> metricCount(QualityRule rule, Metric metric, Column column) {
        if (metric == Metric.ROW_COUNT) {
            return Optional.of("count(*)");
        }
        if (metric == Metric.DUPLICATE_VALUES) {
            List<Column> keys = duplicateKeys(rule, column);
            if (keys.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    keys.size() == 1
                            ? "count(" + keys.get(0).sql() + ") - count(DISTINCT "
                                    + keys.get(0).sql() + ")"
                            : "count(*) - count(DISTINCT ("
                                    + Sql.identifiers(
                                            keys.stream().map(Column::name).toList()) + "))");
        }
        if (column == null) {
            return Optional.empty();
        }
        return Optional.of("count(*) FILTER (WHERE " + metricCondition(rule, metric, column) + ")");
    }

    /** The rows a property metric counts, as a SQL condition. */
    private static String metricCondition(QualityRule rule, Metric metric, Column column) {
        return switch (metric) {
            case NULL_VALUES -> column.sql() + " IS NULL";
            case MISSING_VALUES -> {
                List<Object> missing = rule.arguments().containsKey("missingValues")
                        ? rule.listArgument("missingValues")
                        : Arrays.asList(null, "");
                yield "(" + in(column, missing) + ")";
            }
            case INVALID_VALUES -> {
                List<String> valid = new ArrayList<>();
                List<Object> validValues = rule.listArgument("validValues");
                if (!validValues.isEmpty()) {
                    valid.add(in(column, validValues));
                }
                if (rule.arguments().get("pattern") instanceof String pattern) {
                    valid.add("regexp_matches(CAST(" + column.sql() + " AS VARCHAR), " + Sql.literal(pattern) + ")");
                }
                yield valid.isEmpty()
                        ? "false"
                        : column.sql() + " IS NOT NULL AND NOT (" + String.join(" AND ", valid) + ")";
            }
            default -> throw new IllegalArgumentException(metric + " is not counted by a condition");
        };
    }

    /** Whether the column holds one of the values: text compares as text, numbers as numbers. */
    private static String in(Column column, List<Object> values) {
        List<String> conditions = new ArrayList<>();
        if (values.contains(null)) {
            conditions.add(column.sql() + " IS NULL");
        }
        List<String> texts = values.stream()
                .filter(v -> v instanceof String || v instanceof Boolean)
                .map(v -> Sql.literal(v.toString()))
                .toList();
        if (!texts.isEmpty()) {
            conditions.add("CAST(" + column.sql() + " AS VARCHAR) IN (" + String.join(", ", texts) + ")");
        }
        List<String> numbers = values.stream()
                .filter(Number.class::isInstance)
                .map(v -> Sql.number(new BigDecimal(v.toString())))
                .toList();
        if (!numbers.isEmpty()) {
            conditions.add("TRY_CAST(" + column.sql() + " AS DOUBLE) IN (" + String.join(", ", numbers) + ")");
        }
        return conditions.isEmpty() ? "false" : String.join(" OR ", conditions);
    }

    private List<Column> duplicateKeys(QualityRule rule, Column column) {
        if (column != null) {
            return List.of(column);
        }
        List<Column> keys = new ArrayList<>();
        for (Object name : rule.listArgument("properties")) {
            Optional<Column> key = object.property(String.valueOf(name)).flatMap(this::column);
            if (key.isEmpty()) {
                return List.of();
            }
            keys.add(key.get());
        }
        return keys;
    }

    private SampleRows metricSamples(QualityRule rule, Metric metric, Column column) {
        return switch (metric) {
            case ROW_COUNT -> null;
            case DUPLICATE_VALUES -> {
                List<Column> keys = duplicateKeys(rule, column);
                String where = column == null ? null : column.sql() + " IS NOT NULL";
                yield samples(where, keys, keys);
            }
            default -> samples(metricCondition(rule, metric, column), List.of(), List.of(column));
        };
    }

    private static Judge metricJudge(QualityRule rule, Metric metric) {
        String unit = rule.inPercent() ? " %" : " rows";
        String threshold = rule.threshold() + unit;
        return values -> {
            BigDecimal count = values.get(0);
            BigDecimal value = rule.inPercent() ? percent(count, values.get(1)) : count;
            String measured =
                    rule.inPercent() ? plain(value) + " % (" + rows(count.longValue()) + ")" : rows(count.longValue());
            return new Verdict(
                    rule.threshold().accepts(value),
                    measured,
                    threshold,
                    metric + " is " + measured + ", the contract expects " + threshold + describe(rule),
                    "correct the data at its source, or the rule if the expectation was wrong");
        };
    }

    // ---- service levels ------------------------------------------------------------------------------------

    private void planServiceLevel(SlaProperty sla) {
        String name = sla.canonicalProperty();
        if (!TESTED_SLAS.contains(name)) {
            return;
        }
        List<String> references = !sla.elements().isEmpty()
                ? sla.elements()
                : Optional.ofNullable(contract.slaDefaultElement())
                        .map(List::of)
                        .orElse(List.of());
        Header header = new Header(name, CheckCategory.SLA, object.name(), true);
        if (references.isEmpty()) {
            if (contract.schema().size() == 1) {
                skip(header, "the SLA names no element to measure; add element: <object>.<property>");
            }
            return;
        }
        List<String> propertyNames = new ArrayList<>();
        for (String reference : references) {
            String[] parts = reference.split("\\.");
            if (parts.length == 1 && contract.schema().size() == 1) {
                propertyNames.add(parts[0]);
            } else if (parts.length >= 2 && object.isNamed(parts[0])) {
                propertyNames.add(parts[1]);
            } else {
                return; // a service level of another object
            }
        }
        List<Column> measuredColumns = new ArrayList<>();
        for (String propertyName : propertyNames) {
            Optional<SchemaProperty> property = object.property(propertyName);
            Optional<Column> column = property.flatMap(this::column);
            Header on = new Header(name, CheckCategory.SLA, object.name() + "." + propertyName, true);
            if (property.isEmpty() || column.isEmpty()) {
                plan.add(new Decided(
                        on,
                        on.failed(
                                "missing",
                                "a date or timestamp column",
                                property.isEmpty()
                                        ? "the element " + propertyName + " is not a property of " + object.name()
                                        : "the data has no column "
                                                + property.get().columnName(),
                                "point element at a date or timestamp property that the data has")));
                return;
            }
            if (!column.get().isDate() && !column.get().isTimestamp()) {
                plan.add(new Decided(
                        on,
                        on.failed(
                                column.get().type(),
                                "a date or timestamp column",
                                "the " + name + " of " + column.get().name()
                                        + " cannot be measured: it is not a point in time",
                                "point element at a date or timestamp property")));
                return;
            }
            measuredColumns.add(column.get());
        }
        Optional<Duration> limit = sla.duration();
        ChronoUnit unit = sla.timeUnit().orElse(ChronoUnit.DAYS);
        Header on = new Header(name, CheckCategory.SLA, object.name() + "." + String.join(",", propertyNames), true);
        if (limit.isEmpty()) {
            skip(on, "the SLA value is not a number of " + sla.unit());
            return;
        }
        plan.add(serviceLevel(on, name, measuredColumns, limit.get(), unit, sla.unit()));
    }

    private Measured serviceLevel(
            Header header, String name, List<Column> columns, Duration limit, ChronoUnit unit, String unitName) {
        Column first = columns.get(0);
        String threshold = "<= " + plain(amount(limit, unit)) + " " + unitName;
        if (name.equals("latency") && columns.size() == 2) {
            Column second = columns.get(1);
            String aggregate = "max(epoch_ms(" + second.sql() + ") - epoch_ms(" + first.sql() + "))";
            return new Measured(
                    header,
                    List.of(aggregate),
                    values -> {
                        if (values.get(0) == null) {
                            return new Verdict(
                                    false,
                                    "no rows",
                                    threshold,
                                    "there are no rows to measure the latency on",
                                    "publish data");
                        }
                        Duration latency = Duration.ofMillis(values.get(0).longValue());
                        return durationVerdict(
                                latency,
                                limit,
                                unit,
                                unitName,
                                threshold,
                                "the longest time from " + first.name() + " to " + second.name(),
                                "find what delays the pipeline between " + first.name() + " and " + second.name());
                    },
                    samples(
                            "epoch_ms(" + second.sql() + ") - epoch_ms(" + first.sql() + ") > " + limit.toMillis(),
                            List.of(),
                            columns));
        }
        if (name.equals("retention")) {
            return new Measured(
                    header,
                    List.of("epoch_ms(min(" + first.sql() + "))"),
                    values -> {
                        if (values.get(0) == null) {
                            return new Verdict(true, "no rows", threshold, "", "");
                        }
                        Duration age = Duration.between(
                                Instant.ofEpochMilli(values.get(0).longValue()), now);
                        return durationVerdict(
                                age,
                                limit,
                                unit,
                                unitName,
                                threshold,
                                "the oldest " + first.name() + " is kept longer than the retention period: it is",
                                "delete the data older than the retention period, or extend the retention");
                    },
                    samples(
                            "epoch_ms(" + first.sql() + ") < "
                                    + now.minus(limit).toEpochMilli(),
                            List.of(),
                            columns));
        }
        return new Measured(
                header,
                List.of("epoch_ms(max(" + first.sql() + "))"),
                values -> {
                    if (values.get(0) == null) {
                        return new Verdict(
                                false, "no rows", threshold, "there are no rows, so nothing is fresh", "publish data");
                    }
                    Duration age =
                            Duration.between(Instant.ofEpochMilli(values.get(0).longValue()), now);
                    return durationVerdict(
                            age,
                            limit,
                            unit,
                            unitName,
                            threshold,
                            "the newest " + first.name() + " is",
                            "publish a fresh snapshot: is the pipeline that feeds " + object.name() + " running?");
                },
                null);
    }

    private static Verdict durationVerdict(
            Duration measured,
            Duration limit,
            ChronoUnit unit,
            String unitName,
            String threshold,
            String what,
            String fix) {
        String amount = plain(amount(measured, unit)) + " " + unitName;
        boolean passed = measured.compareTo(limit) <= 0;
        return new Verdict(
                passed,
                amount,
                threshold,
                what + " " + amount + " old, the contract allows " + threshold.substring(3),
                fix);
    }

    private static BigDecimal amount(Duration duration, ChronoUnit unit) {
        return BigDecimal.valueOf(duration.toMillis())
                .divide(BigDecimal.valueOf(unit.getDuration().toMillis()), 2, RoundingMode.HALF_UP);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Measured violations(Header header, String condition, String violation, String fix, Column checked) {
        Judge judge = values -> {
            long count = values.get(0).longValue();
            return new Verdict(count == 0, rows(count), "0 rows", rows(count) + " " + violation, fix);
        };
        return new Measured(
                header,
                List.of("count(*) FILTER (WHERE " + condition + ")"),
                judge,
                samples(condition, List.of(), List.of(checked)));
    }

    private Measured repeats(Header header, List<Column> keys, String fix) {
        Column key = keys.get(0);
        Judge judge = values -> {
            long count = values.get(0).longValue();
            return new Verdict(
                    count == 0, rows(count), "0 rows", rows(count) + " repeating a value of " + key.name(), fix);
        };
        return new Measured(
                header,
                List.of("count(" + key.sql() + ") - count(DISTINCT " + key.sql() + ")"),
                judge,
                samples(key.sql() + " IS NOT NULL", keys, keys));
    }

    private void skip(Header header, String why) {
        plan.add(new Decided(header, header.skipped(why)));
    }

    private Header schemaHeader(String check, String element) {
        return new Header(check, CheckCategory.SCHEMA, element, true);
    }

    private static Header qualityHeader(QualityRule rule, String element) {
        return new Header(rule.label(), CheckCategory.QUALITY, element, rule.isError());
    }

    private String element(SchemaProperty property) {
        return object.name() + "." + property.name();
    }

    /** The column of a property: by its physical name or name, exactly, or else ignoring case. */
    private Optional<Column> column(SchemaProperty property) {
        String name = property.columnName();
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().or(() -> columns.stream()
                .filter(c -> c.name().equalsIgnoreCase(name))
                .findFirst());
    }

    /**
     * Failing rows to show: the columns that identify a row (the primary key, or else the first required and
     * unique property) and the checked columns, of rows matching {@code where}.
     */
    private SampleRows samples(String where, List<Column> repeatedKeys, List<Column> checked) {
        List<SchemaProperty> identity = object.primaryKey().isEmpty()
                ? object.properties().stream()
                        .filter(p -> p.required() && p.unique())
                        .limit(1)
                        .toList()
                : object.primaryKey();
        Set<String> names = new LinkedHashSet<>();
        identity.stream()
                .map(this::column)
                .flatMap(Optional::stream)
                .map(Column::name)
                .forEach(names::add);
        checked.forEach(column -> names.add(column.name()));
        return new SampleRows(where, repeatedKeys.stream().map(Column::name).toList(), List.copyOf(names));
    }

    private static String describe(QualityRule rule) {
        return rule.description() == null ? "" : " (" + rule.description().strip() + ")";
    }

    private static String rows(long count) {
        return count + (count == 1 ? " row" : " rows");
    }

    private static BigDecimal percent(BigDecimal count, BigDecimal rows) {
        if (rows.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return count.multiply(BigDecimal.valueOf(100)).divide(rows, 4, RoundingMode.HALF_UP);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    private static BigDecimal[] range(long min, long max) {
        return new BigDecimal[] {BigDecimal.valueOf(min), BigDecimal.valueOf(max)};
    }
}
