package dev.meshshop.platform.pipelines;

import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * How many events the steps changed without setting them aside: an older schema mapped, a personal field
 * masked, a known bug repaired. They are counted with Beam counters, which every runner collects, and read into
 * the {@link CleaningReport} by name, such as {@code mapped/OrderPurchased v1} or {@code repaired/amount-in-cents}.
 */
final class ChangeCounts {

    static final String NAMESPACE = "mesh.changed";

    private ChangeCounts() {}

    /** A counter named {@code <change>/<rule>}, such as {@code repaired/amount-in-cents}. */
    static Counter counter(String change, String rule) {
        return Metrics.counter(NAMESPACE, change + "/" + rule);
    }

    /**
     * The counts of a finished run, summed over the steps that counted them. Attempted values, because the Flink
     * runner reports no committed ones; after a run that succeeded they are the same.
     */
    static Map<String, Long> of(MetricResults metrics) {
        var counts = new TreeMap<String, Long>();
        var filter = MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.inNamespace(NAMESPACE))
                .build();
        for (MetricResult<Long> counter : metrics.queryMetrics(filter).getCounters()) {
            if (counter.getAttempted() > 0) {
                counts.merge(counter.getName().getName(), counter.getAttempted(), Long::sum);
            }
        }
        return counts;
    }
}
