package dev.meshshop.platform.pipelines;

/**
 * A domain's cleaning: how its raw events become clean tables, composed from the platform's steps. The
 * platform reads the raw zone, runs the pipeline on the configured runner and loads the result.
 *
 * <pre>{@code
 * public void compose(CleaningPlan plan) {
 *     var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
 *     plan.write(unique.apply("StructureOrderEvents", StructureJson.into(ORDER_PURCHASED, ORDER_CANCELLED)));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface DomainCleaning {

    void compose(CleaningPlan plan);
}
