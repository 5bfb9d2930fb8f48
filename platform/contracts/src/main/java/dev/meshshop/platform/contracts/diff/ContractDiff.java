package dev.meshshop.platform.contracts.diff;

import dev.meshshop.platform.contracts.diff.Change.Compatibility;
import dev.meshshop.platform.contracts.model.DataContract;
import dev.meshshop.platform.contracts.model.LogicalTypeOptions;
import dev.meshshop.platform.contracts.model.QualityRule;
import dev.meshshop.platform.contracts.model.QualityType;
import dev.meshshop.platform.contracts.model.SchemaObject;
import dev.meshshop.platform.contracts.model.SchemaProperty;
import dev.meshshop.platform.contracts.model.Server;
import dev.meshshop.platform.contracts.model.SlaProperty;
import dev.meshshop.platform.contracts.model.Threshold;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares two versions of a contract and classifies every change as breaking or compatible (see
 * {@link Change.Compatibility}).
 *
 * <p>Breaking: an object, property or server removed; a property renamed, or its logicalType or physicalType
 * changed; a required property added; required or unique switched on; a primary key changed; a bound, pattern,
 * format or set of valid values narrowed; a quality rule added or its threshold narrowed; an SLA duration
 * shortened. Compatible: an optional property or an object added; constraints relaxed or removed; descriptions
 * and other metadata changed.
 */
public final class ContractDiff {

    private final List<Change> changes = new ArrayList<>();

    private ContractDiff() {}

    public static DiffReport compare(DataContract previous, DataContract current) {
        ContractDiff diff = new ContractDiff();
        diff.compareContracts(previous, current);
        List<Change> ordered = Stream.concat(
                        diff.changes.stream().filter(Change::isBreaking),
                        diff.changes.stream().filter(change -> !change.isBreaking()))
                .toList();
        return new DiffReport(current.id(), previous.version(), current.version(), ordered);
    }

    private void compareContracts(DataContract before, DataContract after) {
        if (!before.id().equals(after.id())) {
            breaking("id", "changed from " + before.id() + " to " + after.id() + ": this is another contract");
        }
        compareByKey(
                before.schema(),
                after.schema(),
                SchemaObject::name,
                this::objectRemoved,
                object -> compatible(object.name(), "object added"),
                this::compareObject);
        compareByKey(
                before.servers(),
                after.servers(),
                Server::server,
                server -> breaking("servers." + server.server(), "server removed: consumers reading from it lose it"),
                server -> compatible("servers." + server.server(), "server added"),
                this::compareServer);
        compareServiceLevels(before.slaProperties(), after.slaProperties());
        otherFields("", before, after, Set.of("id", "version", "schema", "servers", "slaProperties"));
    }

    // ---- objects and properties ----------------------------------------------------------------------------

    private void objectRemoved(SchemaObject object) {
        breaking(object.name(), "object removed");
    }

    private void compareObject(SchemaObject before, SchemaObject after) {
        String path = after.name();
        changedName(path + ".physicalName", before.physicalName(), after.physicalName(), "renamed");
        changedType(path + ".physicalType", before.physicalType(), after.physicalType());
        List<String> keyBefore =
                before.primaryKey().stream().map(SchemaProperty::name).toList();
        List<String> keyAfter =
                after.primaryKey().stream().map(SchemaProperty::name).toList();
        if (!keyBefore.equals(keyAfter)) {
            breaking(path + ".primaryKey", "changed from " + key(keyBefore) + " to " + key(keyAfter));
        }
        compareProperties(path, before.properties(), after.properties());
        compareQuality(path, before.quality(), after.quality());
        otherFields(path, before, after, Set.of("name", "physicalName", "physicalType", "properties", "quality"));
    }

    private void compareProperties(String path, List<SchemaProperty> before, List<SchemaProperty> after) {
        compareByKey(
                before,
                after,
                SchemaProperty::name,
                property -> breaking(path + "." + property.name(), "property removed"),
                property -> {
                    if (property.required()) {
                        breaking(
                                path + "." + property.name(),
                                "required property added: data published before has no value for it");
                    } else {
                        compatible(path + "." + property.name(), "optional property added");
                    }
                },
                (b, a) -> compareProperty(path + "." + a.name(), b, a));
    }

    private void compareProperty(String path, SchemaProperty before, SchemaProperty after) {
        if (!Objects.equals(before.logicalType(), after.logicalType())) {
            breaking(path + ".logicalType", "changed from " + before.logicalType() + " to " + after.logicalType());
        }
        changedType(path + ".physicalType", before.physicalType(), after.physicalType());
        changedName(path + ".physicalName", before.physicalName(), after.physicalName(), "column renamed");
        tightened(path + ".required", before.required(), after.required(), "values may no longer be missing");
        tightened(path + ".unique", before.unique(), after.unique(), "values may no longer repeat");
        compareOptions(path + ".logicalTypeOptions", before.logicalTypeOptions(), after.logicalTypeOptions());
        compareProperties(path, before.properties(), after.properties());
        if (before.items() != null && after.items() != null) {
            compareProperty(path + ".items", before.items(), after.items());
        } else if (before.items() != after.items()) {
            compatible(path + ".items", before.items() == null ? "described" : "no longer described");
        }
        compareQuality(path, before.quality(), after.quality());
        otherFields(
                path,
                before,
                after,
                Set.of(
                        "name",
                        "logicalType",
                        "physicalType",
                        "physicalName",
                        "required",
                        "unique",
                        "logicalTypeOptions",
                        "properties",
                        "items",
                        "quality",
                        "primaryKey",
                        "primaryKeyPosition"));
    }

    private void compareOptions(String path, LogicalTypeOptions before, LogicalTypeOptions after) {
        lowerBound(path + ".minLength", before.minLength(), after.minLength());
        upperBound(path + ".maxLength", before.maxLength(), after.maxLength());
        lowerBound(path + ".minimum", before.minimum(), after.minimum());
        lowerBound(path + ".exclusiveMinimum", before.exclusiveMinimum(), after.exclusiveMinimum());
        upperBound(path + ".maximum", before.maximum(), after.maximum());
        upperBound(path + ".exclusiveMaximum", before.exclusiveMaximum(), after.exclusiveMaximum());
        lowerBound(path + ".minItems", before.minItems(), after.minItems());
        upperBound(path + ".maxItems", before.maxItems(), after.maxItems());
        lowerBound(path + ".minProperties", before.minProperties(), after.minProperties());
        upperBound(path + ".maxProperties", before.maxProperties(), after.maxProperties());
        constraint(path + ".pattern", before.pattern(), after.pattern());
        constraint(path + ".format", before.format(), after.format());
        constraint(path + ".multipleOf", before.multipleOf(), after.multipleOf());
        tightened(
                path + ".uniqueItems",
                Boolean.TRUE.equals(before.uniqueItems()),
                Boolean.TRUE.equals(after.uniqueItems()),
                "items may no longer repeat");
        if (!Objects.equals(before.timezone(), after.timezone())) {
            breaking(path + ".timezone", "changed from " + before.timezone() + " to " + after.timezone());
        }
        if (!Objects.equals(before.defaultTimezone(), after.defaultTimezone())) {
            breaking(
                    path + ".defaultTimezone",
                    "changed from " + before.defaultTimezone() + " to " + after.defaultTimezone()
                            + ": the same values now mean other moments");
        }
        sets(
                path + ".required",
                before.required(),
                after.required(),
                false,
                "fields now required",
                "fields no longer required");
    }

    // ---- quality rules -------------------------------------------------------------------------------------

    private void compareQuality(String path, List<QualityRule> before, List<QualityRule> after) {
        compareByKey(
                keyed(before),
                keyed(after),
                Keyed::key,
                rule -> compatible(rulePath(path, rule.rule()), "quality rule removed"),
                rule -> {
                    if (rule.rule().isError() && executable(rule.rule())) {
                        breaking(rulePath(path, rule.rule()), "quality rule added: data published before may fail it");
                    } else {
                        compatible(rulePath(path, rule.rule()), "quality rule added");
                    }
                },
                (b, a) -> compareRule(rulePath(path, a.rule()), b.rule(), a.rule()));
    }

    private void compareRule(String path, QualityRule before, QualityRule after) {
        if (before.threshold() != null && after.threshold() != null) {
            compareThreshold(path, before.threshold(), after.threshold());
        } else if (before.threshold() != after.threshold()) {
            if (after.threshold() == null) {
                compatible(path, "operator removed");
            } else {
                breaking(path, "operator added: " + after.threshold());
            }
        }
        if (!Objects.equals(unit(before), unit(after))) {
            breaking(path + ".unit", "changed from " + unit(before) + " to " + unit(after));
        }
        if (!Objects.equals(before.query(), after.query())) {
            breaking(path + ".query", "changed: the results cannot be compared with the previous query");
        }
        sets(
                path + ".arguments.validValues",
                before.listArgument("validValues"),
                after.listArgument("validValues"),
                true,
                "valid values added",
                "valid values removed");
        Map<String, Object> otherArguments = new HashMap<>(before.arguments());
        otherArguments.remove("validValues");
        Map<String, Object> otherAfter = new HashMap<>(after.arguments());
        otherAfter.remove("validValues");
        if (!otherArguments.equals(otherAfter)) {
            breaking(path + ".arguments", "changed from " + otherArguments + " to " + otherAfter);
        }
        if (!before.isError() && after.isError()) {
            breaking(path + ".severity", "raised to error: failures now block publishing");
        } else if (before.isError() != after.isError()) {
            compatible(path + ".severity", "lowered to " + after.severity());
        }
        otherFields(path, before, after, Set.of("threshold", "unit", "query", "arguments", "severity"));
    }

    /**
     * A threshold is compatible when it accepts every value the previous one accepted: the sets of accepted
     * values are compared as intervals.
     */
    private void compareThreshold(String path, Threshold before, Threshold after) {
        if (before.equals(after)) {
            return;
        }
        String change = "changed from " + before + " to " + after;
        if (AcceptedValues.of(after).covers(AcceptedValues.of(before))) {
            compatible(path, change + " (accepts more)");
        } else {
            breaking(path, change + ": values accepted before may now fail");
        }
    }

    private record Keyed(String key, QualityRule rule) {}

    /** Rules are matched by id, name, or what they check; rules that look alike are told apart by position. */
    private static List<Keyed> keyed(List<QualityRule> rules) {
        Map<String, Integer> seen = new HashMap<>();
        List<Keyed> keyed = new ArrayList<>();
        for (QualityRule rule : rules) {
            String key = identity(rule);
            int occurrence = seen.merge(key, 1, Integer::sum);
            keyed.add(new Keyed(occurrence == 1 ? key : key + "#" + occurrence, rule));
        }
        return keyed;
    }

    private static String identity(QualityRule rule) {
        if (rule.id() != null) {
            return "id:" + rule.id();
        }
        if (rule.name() != null) {
            return "name:" + rule.name();
        }
        return switch (rule.type()) {
            case LIBRARY ->
                "metric:" + (rule.metric() != null ? rule.metric().odcsName() : rule.rule())
                        + rule.listArgument("properties");
            case SQL -> "sql:" + rule.query();
            case CUSTOM -> "custom:" + rule.engine() + ":" + rule.implementation();
            case TEXT -> "text:" + rule.description();
        };
    }

    private static boolean executable(QualityRule rule) {
        return rule.type() == QualityType.LIBRARY || rule.type() == QualityType.SQL;
    }

    private static String rulePath(String path, QualityRule rule) {
        return path + ".quality[" + rule.label() + "]";
    }

    private static String unit(QualityRule rule) {
        return rule.type() == QualityType.LIBRARY && rule.unit() == null ? "rows" : rule.unit();
    }

    // ---- servers and service levels ------------------------------------------------------------------------

    private void compareServer(Server before, Server after) {
        String path = "servers." + after.server();
        if (!Objects.equals(before.type(), after.type()) || !Objects.equals(before.connection(), after.connection())) {
            breaking(path, "moved: consumers reading from the previous location lose it");
        }
        otherFields(path, before, after, Set.of("server", "type", "connection"));
    }

    private void compareServiceLevels(List<SlaProperty> before, List<SlaProperty> after) {
        Function<SlaProperty, String> key = sla -> sla.canonicalProperty() + " " + String.join(",", sla.elements());
        compareByKey(
                before,
                after,
                key,
                sla -> compatible(slaPath(sla), "service level removed"),
                sla -> {
                    if (sla.isDuration()) {
                        breaking(slaPath(sla), "service level added: data published before may miss it");
                    } else {
                        compatible(slaPath(sla), "service level added");
                    }
                },
                (b, a) -> compareServiceLevel(slaPath(a), b, a));
    }

    private void compareServiceLevel(String path, SlaProperty before, SlaProperty after) {
        Optional<Duration> was = before.duration();
        Optional<Duration> is = after.duration();
        String change = "changed from " + before.value() + " " + Objects.toString(before.unit(), "") + " to "
                + after.value() + " " + Objects.toString(after.unit(), "");
        if (was.isPresent() && is.isPresent() && !was.equals(is)) {
            if (is.get().compareTo(was.get()) < 0) {
                breaking(path, change.strip() + ": a tighter promise the data may not keep");
            } else {
                compatible(path, change.strip() + " (a looser promise)");
            }
        } else if (!Objects.equals(before.value(), after.value()) || !Objects.equals(before.unit(), after.unit())) {
            compatible(path, change.strip());
        }
        otherFields(path, before, after, Set.of("property", "element", "value", "unit"));
    }

    private static String slaPath(SlaProperty sla) {
        return "slaProperties." + sla.canonicalProperty()
                + (sla.elements().isEmpty() ? "" : "(" + String.join(",", sla.elements()) + ")");
    }

    // ---- kinds of change -----------------------------------------------------------------------------------

    /** A lower bound (such as minLength or minimum): raising or adding it narrows what is valid. */
    private void lowerBound(String path, Object before, Object after) {
        bound(path, before, after, 1);
    }

    /** An upper bound (such as maxLength or maximum): lowering or adding it narrows what is valid. */
    private void upperBound(String path, Object before, Object after) {
        bound(path, before, after, -1);
    }

    private void bound(String path, Object before, Object after, int narrowing) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before == null) {
            breaking(path, "added (" + after + "): values valid before may now fail");
        } else if (after == null) {
            compatible(path, "removed (was " + before + ")");
        } else if (Integer.signum(compare(after, before)) == narrowing) {
            breaking(path, "changed from " + before + " to " + after + ": values valid before may now fail");
        } else {
            compatible(path, "changed from " + before + " to " + after + " (accepts more)");
        }
    }

    /** A constraint that cannot be ordered (a pattern, a format): adding or changing it may reject data. */
    private void constraint(String path, Object before, Object after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (after == null) {
            compatible(path, "removed (was " + before + ")");
        } else {
            breaking(
                    path,
                    (before == null ? "added (" + after + ")" : "changed from " + before + " to " + after)
                            + ": values valid before may now fail");
        }
    }

    private void tightened(String path, boolean before, boolean after, String consequence) {
        if (!before && after) {
            breaking(path, "switched on: " + consequence);
        } else if (before && !after) {
            compatible(path, "switched off");
        }
    }

    private void changedName(String path, String before, String after, String what) {
        if (!Objects.equals(before, after)) {
            breaking(path, what + " from " + before + " to " + after + ": queries using the old name break");
        }
    }

    private void changedType(String path, String before, String after) {
        if (!Objects.equals(normalized(before), normalized(after))) {
            breaking(path, "changed from " + before + " to " + after);
        }
    }

    /** A list where adding entries widens what is valid (valid values) or narrows it (required fields). */
    private void sets(String path, List<?> before, List<?> after, boolean addingWidens, String added, String removed) {
        Set<Object> gone = new LinkedHashSet<>(before);
        after.forEach(gone::remove);
        Set<Object> come = new LinkedHashSet<>(after);
        before.forEach(come::remove);
        if (!come.isEmpty()) {
            change(addingWidens ? Compatibility.COMPATIBLE : Compatibility.BREAKING, path, added + ": " + come);
        }
        if (!gone.isEmpty()) {
            change(addingWidens ? Compatibility.BREAKING : Compatibility.COMPATIBLE, path, removed + ": " + gone);
        }
    }

    /** Every field of two records not compared above: such changes describe the data but do not change it. */
    private void otherFields(String path, Record before, Record after, Set<String> compared) {
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            if (compared.contains(component.getName())) {
                continue;
            }
            Object was = value(component, before);
            Object is = value(component, after);
            if (!Objects.equals(was, is)) {
                String field = path.isEmpty() ? component.getName() : path + "." + component.getName();
                compatible(field, describe(was, is));
            }
        }
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }

    private static String describe(Object before, Object after) {
        if (before == null || (before instanceof List<?> list && list.isEmpty())) {
            return "added";
        }
        if (after == null || (after instanceof List<?> list && list.isEmpty())) {
            return "removed";
        }
        boolean scalar = !(before instanceof Record) && !(before instanceof List<?>) && !(before instanceof Map<?, ?>);
        return scalar ? "changed from " + before + " to " + after : "changed";
    }

    /** Matches the elements of two lists by key, then reports those removed, those added and those in both. */
    private static <T, K> void compareByKey(
            List<T> before,
            List<T> after,
            Function<T, K> key,
            Consumer<T> removed,
            Consumer<T> added,
            BiConsumer<T, T> matched) {
        Map<K, T> previous = before.stream().collect(Collectors.toMap(key, t -> t, (a, b) -> a, LinkedHashMap::new));
        Map<K, T> current = after.stream().collect(Collectors.toMap(key, t -> t, (a, b) -> a, LinkedHashMap::new));
        previous.forEach((k, was) -> {
            if (current.containsKey(k)) {
                matched.accept(was, current.get(k));
            } else {
                removed.accept(was);
            }
        });
        current.forEach((k, is) -> {
            if (!previous.containsKey(k)) {
                added.accept(is);
            }
        });
    }

    private static int compare(Object a, Object b) {
        try {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString()));
        } catch (NumberFormatException notNumbers) {
            return a.toString().compareTo(b.toString()); // ISO dates and times order as text
        }
    }

    private static String normalized(String type) {
        return type == null ? null : type.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    }

    private static String key(List<String> names) {
        return names.isEmpty() ? "none" : "(" + String.join(", ", names) + ")";
    }

    private void breaking(String path, String description) {
        change(Compatibility.BREAKING, path, description);
    }

    private void compatible(String path, String description) {
        change(Compatibility.COMPATIBLE, path, description);
    }

    private void change(Compatibility compatibility, String path, String description) {
        changes.add(new Change(compatibility, path.startsWith(".") ? path.substring(1) : path, description));
    }
}
