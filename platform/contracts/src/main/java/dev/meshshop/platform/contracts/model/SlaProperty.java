package dev.meshshop.platform.contracts.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service-level agreement, such as {@code latency: 4 d on orders.created_at}.
 *
 * <p>Property names are case-insensitive and have the short synonyms of the standard ({@code ly} for
 * latency, {@code re} for retention...). {@code element} names one or more {@code object.property}
 * references separated by commas; the object may be left out when the contract has only one.
 */
public record SlaProperty(
        String id,
        String property,
        Object value,
        Object valueExt,
        String unit,
        String element,
        String driver,
        String description,
        String scheduler,
        String schedule) {

    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("av", "availability"),
            Map.entry("th", "throughput"),
            Map.entry("er", "errorrate"),
            Map.entry("ga", "generalavailability"),
            Map.entry("es", "endofsupport"),
            Map.entry("el", "endoflife"),
            Map.entry("re", "retention"),
            Map.entry("fy", "frequency"),
            Map.entry("ly", "latency"),
            Map.entry("td", "timetodetect"),
            Map.entry("tn", "timetonotify"),
            Map.entry("tr", "timetorepair"));

    private static final Set<String> DURATIONS =
            Set.of("latency", "freshness", "retention", "frequency", "timetodetect", "timetonotify", "timetorepair");

    private static final Map<String, ChronoUnit> UNITS = Map.ofEntries(
            Map.entry("ms", ChronoUnit.MILLIS),
            Map.entry("millisecond", ChronoUnit.MILLIS),
            Map.entry("milliseconds", ChronoUnit.MILLIS),
            Map.entry("s", ChronoUnit.SECONDS),
            Map.entry("sec", ChronoUnit.SECONDS),
            Map.entry("second", ChronoUnit.SECONDS),
            Map.entry("seconds", ChronoUnit.SECONDS),
            Map.entry("m", ChronoUnit.MINUTES),
            Map.entry("min", ChronoUnit.MINUTES),
            Map.entry("minute", ChronoUnit.MINUTES),
            Map.entry("minutes", ChronoUnit.MINUTES),
            Map.entry("h", ChronoUnit.HOURS),
            Map.entry("hr", ChronoUnit.HOURS),
            Map.entry("hour", ChronoUnit.HOURS),
            Map.entry("hours", ChronoUnit.HOURS),
            Map.entry("d", ChronoUnit.DAYS),
            Map.entry("day", ChronoUnit.DAYS),
            Map.entry("days", ChronoUnit.DAYS),
            Map.entry("w", ChronoUnit.WEEKS),
            Map.entry("week", ChronoUnit.WEEKS),
            Map.entry("weeks", ChronoUnit.WEEKS),
            Map.entry("mo", ChronoUnit.MONTHS),
            Map.entry("month", ChronoUnit.MONTHS),
            Map.entry("months", ChronoUnit.MONTHS),
            Map.entry("y", ChronoUnit.YEARS),
            Map.entry("yr", ChronoUnit.YEARS),
            Map.entry("year", ChronoUnit.YEARS),
            Map.entry("years", ChronoUnit.YEARS));

    /** The units an SLA duration may use, such as {@code d}, {@code days}, {@code h} or {@code y}. */
    public static Set<String> timeUnits() {
        return UNITS.keySet();
    }

    /** The property in lower case with synonyms spelled out: {@code ly} and {@code Latency} are {@code latency}. */
    public String canonicalProperty() {
        String lower = property == null ? "" : property.toLowerCase(Locale.ROOT);
        return SYNONYMS.getOrDefault(lower, lower);
    }

    /** Whether the value is an amount of time, such as latency or retention, and so needs a time unit. */
    public boolean isDuration() {
        return DURATIONS.contains(canonicalProperty());
    }

    public Optional<ChronoUnit> timeUnit() {
        return Optional.ofNullable(unit).map(u -> UNITS.get(u.toLowerCase(Locale.ROOT)));
    }

    /** The value as a duration when it is a number with a time unit; months and years are estimated. */
    public Optional<Duration> duration() {
        if (!(value instanceof Number number)) {
            return Optional.empty();
        }
        return timeUnit().map(timeUnit -> {
            BigDecimal millis = new BigDecimal(number.toString())
                    .multiply(BigDecimal.valueOf(timeUnit.getDuration().toMillis()));
            return Duration.ofMillis(millis.longValue());
        });
    }

    /** The references in {@code element}, in order; empty when there is none. */
    public List<String> elements() {
        if (element == null || element.isBlank()) {
            return List.of();
        }
        return Arrays.stream(element.split(","))
                .map(String::trim)
                .filter(reference -> !reference.isEmpty())
                .toList();
    }
}
