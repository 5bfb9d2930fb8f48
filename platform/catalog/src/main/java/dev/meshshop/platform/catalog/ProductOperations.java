package dev.meshshop.platform.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshshop.platform.access.Usage;
import dev.meshshop.platform.access.UsageLog;
import dev.meshshop.platform.identity.Caller;
import dev.meshshop.platform.storage.ProductId;
import dev.meshshop.platform.storage.RefreshHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a product's owners know about its operations, for its catalog page: the cleaning report of its domain's
 * newest run (quarantined by reason, repairs, gaps, the balance), every recent refresh with its outcome, the port's
 * availability (the share of time it served a snapshot within the contract's freshness), and its usage by day and
 * consumer. A refusal's reason and the usage by consumer are shown to the product's owners, governance and the
 * platform; others see the counts.
 */
final class ProductOperations {

    /** How many of the domain's newest refreshes a page shows. */
    static final int RUNS = 60;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog catalog;
    private final RefreshHistory refreshes;
    private final UsageLog usage;
    private final Clock clock;

    ProductOperations(Catalog catalog, RefreshHistory refreshes, UsageLog usage, Clock clock) {
        this.catalog = catalog;
        this.refreshes = refreshes;
        this.usage = usage;
        this.clock = clock;
    }

    Optional<ObjectNode> of(ProductId id, Caller caller) {
        return catalog.product(id).map(product -> {
            boolean insider = caller.actsFor(id.domain()) || caller.seesEverything();
            var operations = JSON.createObjectNode()
                    .put("product", id.toString())
                    .put("domain", id.domain())
                    .put("detailsShown", insider);
            var runs = refreshes.newest(id.domain(), RUNS);
            operations.set("cleaning", cleaning(runs));
            operations.set("runs", runs(runs, id, insider));
            operations.set("availability", availability(product));
            operations.set("usage", usage(id, insider));
            return operations;
        });
    }

    /** The cleaning report of the domain's newest run that cleaned, with when it ran. */
    private static JsonNode cleaning(List<JsonNode> runs) {
        for (int i = runs.size() - 1; i >= 0; i--) {
            var run = runs.get(i);
            if (run.has("cleaning")) {
                var report = run.get("cleaning").deepCopy();
                ((ObjectNode) report).put("at", run.path("at").asText());
                return report;
            }
        }
        return JSON.nullNode();
    }

    private static JsonNode runs(List<JsonNode> runs, ProductId id, boolean insider) {
        var list = JSON.createArrayNode();
        for (var run : runs) {
            var item = list.addObject()
                    .put("at", run.path("at").asText())
                    .put("outcome", run.path("outcome").asText());
            if (run.has("reason")) {
                item.put("reason", insider ? run.get("reason").asText() : "shown to the product's owners");
            }
            var batch = run.path("cleaning").path("batch");
            if (!batch.isMissingNode()) {
                item.put("input", batch.path("input").asLong())
                        .put("clean", batch.path("clean").asLong())
                        .put("quarantined", batch.path("quarantined").asLong());
            }
            for (var snapshot : run.path("snapshots")) {
                if (snapshot.path("product").asText().equals(id.toString())) {
                    item.put("rowCount", snapshot.path("rowCount").asLong())
                            .put("snapshot", snapshot.path("snapshot").asText());
                }
            }
        }
        return list;
    }

    /**
     * The share of time, from the first snapshot kept to now, that the port served a snapshot within the contract's
     * freshness: a snapshot measured {@code f} old at publish ages as it is served, so it stays within a freshness
     * of {@code s} for {@code s - f} after it was published, or until the next one replaced it.
     */
    private JsonNode availability(Catalog.ProductDetail product) {
        var served = product.history().stream()
                .filter(health -> !health.outcome().equals("refused"))
                .sorted(Comparator.comparing(Catalog.SnapshotHealth::publishedAt))
                .toList();
        var availability = JSON.createObjectNode();
        Instant now = clock.instant();
        if (served.isEmpty()) {
            return availability.putNull("share");
        }
        var sla = product.sla().stream()
                .filter(level -> level.property().equals("freshness"))
                .findFirst();
        Optional<Duration> allowed = sla.flatMap(level -> duration(level.value(), level.unit()));
        double share = share(served, allowed, now);
        availability
                .put("from", served.get(0).publishedAt().toString())
                .put("to", now.toString())
                .put("snapshots", served.size())
                .put(
                        "freshness",
                        sla.map(level -> level.value() + " " + level.unit()).orElse(null));
        return availability.put("share", share);
    }

    /**
     * The share of the time from the first of {@code served} (oldest first) to {@code now} during which the snapshot
     * being served was within {@code allowed} of freshness; with no freshness to keep, the share of time served.
     */
    static double share(List<Catalog.SnapshotHealth> served, Optional<Duration> allowed, Instant now) {
        long total = 0;
        long within = 0;
        for (int i = 0; i < served.size(); i++) {
            var health = served.get(i);
            Instant until = i + 1 < served.size() ? served.get(i + 1).publishedAt() : now;
            long length =
                    Math.max(0, Duration.between(health.publishedAt(), until).toMillis());
            total += length;
            if (allowed.isEmpty()) {
                within += length;
                continue;
            }
            Duration age = health.freshness() == null
                    ? Duration.ZERO
                    : duration(String.valueOf(health.freshness()), health.freshnessUnit())
                            .orElse(Duration.ZERO);
            within += Math.max(0, Math.min(length, allowed.get().minus(age).toMillis()));
        }
        return total == 0 ? 1.0 : (double) within / total;
    }

    /** Reads of the product by day, and by consumer to those who may see them. */
    private JsonNode usage(ProductId id, boolean insider) {
        var reads = usage.list(id.toString(), null);
        var byDay = new TreeMap<String, long[]>();
        var byConsumer = new TreeMap<String, long[]>();
        for (Usage read : reads) {
            String day = read.at().atOffset(ZoneOffset.UTC).toLocalDate().toString();
            boolean ok = read.outcome() == Usage.Outcome.OK;
            var dayCounts = byDay.computeIfAbsent(day, key -> new long[2]);
            dayCounts[ok ? 0 : 1]++;
            var consumerCounts = byConsumer.computeIfAbsent(read.consumer(), key -> new long[2]);
            consumerCounts[ok ? 0 : 1]++;
        }
        var node = JSON.createObjectNode().put("reads", reads.size());
        var days = node.putArray("byDay");
        byDay.forEach((day, counts) ->
                days.addObject().put("day", day).put("ok", counts[0]).put("refused", counts[1]));
        if (insider) {
            var consumers = node.putArray("byConsumer");
            byConsumer.forEach((consumer, counts) -> consumers
                    .addObject()
                    .put("consumer", consumer)
                    .put("ok", counts[0])
                    .put("refused", counts[1]));
        } else {
            node.put("byConsumer", "shown to the product's owners");
        }
        return node;
    }

    private static final Map<String, Duration> UNITS = Map.of(
            "s", Duration.ofSeconds(1),
            "m", Duration.ofMinutes(1),
            "min", Duration.ofMinutes(1),
            "h", Duration.ofHours(1),
            "d", Duration.ofDays(1),
            "day", Duration.ofDays(1),
            "days", Duration.ofDays(1),
            "y", Duration.ofDays(365),
            "yr", Duration.ofDays(365));

    /** {@code value} of {@code unit} (ODCS's d, h, m, s, y), if both are understood. */
    static Optional<Duration> duration(String value, String unit) {
        if (value == null || unit == null) {
            return Optional.empty();
        }
        var base = UNITS.get(unit.trim().toLowerCase(Locale.ROOT));
        try {
            double amount = Double.parseDouble(value.trim());
            return base == null ? Optional.empty() : Optional.of(Duration.ofMillis((long) (amount * base.toMillis())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
