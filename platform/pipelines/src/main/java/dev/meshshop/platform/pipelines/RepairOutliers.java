package dev.meshshop.platform.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Repairs the invalid values that known bugs left in the data, by named {@link OutlierRule}s: a rule either
 * corrects the event's data, counted as {@code repaired/<rule>} in the cleaning report, or routes the event to
 * quarantine under the rule's name with the known bug as reason. Rules are tried in the order given and at most
 * one applies to an event: the first whose condition holds.
 *
 * <p>A condition or correction that throws is a bug in the rule, not in the event: the event is routed to
 * quarantine under {@value #RULE_FAILED} with the exception, and the run goes on. So is an event whose data a
 * rule must read but that is not JSON.
 */
public final class RepairOutliers extends PTransform<PCollection<RawEvent>, Routed<RawEvent>> {

    public static final String RULE_FAILED = "outlier-rule-failed";

    private static final TupleTag<RawEvent> REPAIRED = new TupleTag<>("repaired") {};

    private final List<OutlierRule> rules;

    private RepairOutliers(List<OutlierRule> rules) {
        this.rules = List.copyOf(rules);
        var names = new HashSet<String>();
        for (OutlierRule rule : rules) {
            if (!names.add(rule.name())) {
                throw new IllegalArgumentException(
                        "Two outlier rules are named " + rule.name() + "; each name counts one rule");
            }
        }
    }

    public static RepairOutliers of(OutlierRule... rules) {
        return new RepairOutliers(List.of(rules));
    }

    @Override
    public Routed<RawEvent> expand(PCollection<RawEvent> events) {
        var tuple = events.apply(
                "ApplyOutlierRules",
                ParDo.of(new Repair(rules)).withOutputTags(REPAIRED, TupleTagList.of(Routed.QUARANTINE)));
        return Routed.of(tuple, REPAIRED, RawEvent.Coder.of());
    }

    static final class Repair extends DoFn<RawEvent, RawEvent> {

        private final Map<String, List<OutlierRule>> rulesByType = new HashMap<>();
        private final Map<String, Counter> repaired = new HashMap<>();

        Repair(List<OutlierRule> rules) {
            for (OutlierRule rule : rules) {
                rulesByType
                        .computeIfAbsent(rule.eventType(), type -> new ArrayList<>())
                        .add(rule);
                if (rule.corrects()) {
                    repaired.put(rule.name(), ChangeCounts.counter("repaired", rule.name()));
                }
            }
        }

        @ProcessElement
        public void process(@Element RawEvent event, MultiOutputReceiver out) {
            var rules = rulesByType.get(event.eventType());
            if (rules == null) {
                out.get(REPAIRED).output(event);
                return;
            }
            var quarantine = out.get(Routed.QUARANTINE);
            JsonNode data = EventData.read(event, quarantine);
            if (data == null) {
                return;
            }
            for (OutlierRule rule : rules) {
                boolean applies;
                try {
                    applies = rule.when().test(data);
                } catch (RuntimeException e) {
                    quarantine.output(failed(event, rule, e));
                    return;
                }
                if (applies) {
                    apply(rule, event, data, out);
                    return;
                }
            }
            out.get(REPAIRED).output(event);
        }

        private void apply(OutlierRule rule, RawEvent event, JsonNode data, MultiOutputReceiver out) {
            if (!rule.corrects()) {
                out.get(Routed.QUARANTINE).output(Quarantined.of(event, rule.name(), rule.knownBug()));
                return;
            }
            JsonNode corrected;
            try {
                corrected = rule.correction().apply(data);
            } catch (RuntimeException e) {
                out.get(Routed.QUARANTINE).output(failed(event, rule, e));
                return;
            }
            if (corrected == null) {
                out.get(Routed.QUARANTINE).output(failed(event, rule, "the correction returned no data"));
                return;
            }
            out.get(REPAIRED).output(event.withData(EventData.write(corrected)));
            repaired.get(rule.name()).inc();
        }

        private static Quarantined failed(RawEvent event, OutlierRule rule, RuntimeException e) {
            return failed(event, rule, e.getClass().getSimpleName() + ": " + e.getMessage());
        }

        private static Quarantined failed(RawEvent event, OutlierRule rule, String problem) {
            return Quarantined.of(
                    event,
                    RULE_FAILED,
                    "outlier rule " + rule.name() + " (" + rule.knownBug() + ") failed on " + event.eventType() + ": "
                            + problem + "; fix the rule");
        }
    }
}
