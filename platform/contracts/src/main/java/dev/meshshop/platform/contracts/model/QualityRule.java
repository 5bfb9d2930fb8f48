package dev.meshshop.platform.contracts.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data quality rule on an object or a property.
 *
 * <p>A {@link QualityType#LIBRARY} rule names a {@link Metric} (v3.0.x contracts may name a {@code rule}
 * instead) and a {@link Threshold}; a {@link QualityType#SQL} rule has a {@code query} and a threshold; a
 * {@link QualityType#CUSTOM} rule carries an implementation for another {@code engine}. {@code unit} is
 * {@code rows} (the default) or {@code percent} for library metrics.
 */
public record QualityRule(
        String id,
        String name,
        String description,
        QualityType type,
        Metric metric,
        String rule,
        Map<String, Object> arguments,
        Threshold threshold,
        String unit,
        String query,
        String engine,
        Object implementation,
        String dimension,
        String severity,
        String businessImpact,
        String method,
        String schedule,
        String scheduler,
        List<String> tags,
        List<AuthoritativeDefinition> authoritativeDefinitions,
        List<CustomProperty> customProperties) {

    public QualityRule {
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        tags = List.copyOf(tags);
        authoritativeDefinitions = List.copyOf(authoritativeDefinitions);
        customProperties = List.copyOf(customProperties);
    }

    /** Whether a failure of this rule is an error; a severity such as {@code warning} or {@code info} is not. */
    public boolean isError() {
        return severity == null || severity.equalsIgnoreCase("error");
    }

    public boolean inPercent() {
        return "percent".equals(unit);
    }

    /** The argument as a list (values may be null), or an empty list when it is absent or not a list. */
    public List<Object> listArgument(String name) {
        return arguments.get(name) instanceof List<?> values
                ? Collections.unmodifiableList(new ArrayList<>(values))
                : List.of();
    }

    /** A short name for reports: the rule's name, else its metric, query or engine. */
    public String label() {
        if (name != null) {
            return name;
        }
        return switch (type) {
            case LIBRARY -> metric != null ? metric.odcsName() : String.valueOf(rule);
            case SQL -> "sql";
            case CUSTOM -> "custom " + engine;
            case TEXT -> "text";
        };
    }
}
