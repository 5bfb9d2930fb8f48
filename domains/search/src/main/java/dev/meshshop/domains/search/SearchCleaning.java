package dev.meshshop.domains.search;

import dev.meshshop.domains.search.events.SearchEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.StructureJson;

/**
 * How search's raw events become clean tables: drop the copies that at-least-once delivery produces, then read
 * each event type into its typed table.
 */
final class SearchCleaning implements DomainCleaning {

    static final CleanTable SESSION_STARTED = CleanTable.of("session_started", SearchEvents.SESSION_STARTED.name())
            .column("session_id", ColumnType.STRING, "/sessionId", Required.YES)
            .column("customer_id", ColumnType.STRING, "/customerId", Required.YES)
            .column("product_page_variant", ColumnType.STRING, "/productPageVariant", Required.YES)
            .column("free_shipping_offered", ColumnType.BOOLEAN, "/freeShippingOffered", Required.NO);

    static final CleanTable SEARCH_PERFORMED = CleanTable.of("search_performed", SearchEvents.SEARCH_PERFORMED.name())
            .column("search_id", ColumnType.STRING, "/searchId", Required.YES)
            .column("session_id", ColumnType.STRING, "/sessionId", Required.YES)
            .column("query", ColumnType.STRING, "/query", Required.YES)
            .column("result_count", ColumnType.INTEGER, "/resultCount", Required.YES);

    static final CleanTable RESULT_CLICKED = CleanTable.of("result_clicked", SearchEvents.RESULT_CLICKED.name())
            .column("search_id", ColumnType.STRING, "/searchId", Required.YES)
            .column("session_id", ColumnType.STRING, "/sessionId", Required.YES)
            .column("sku", ColumnType.STRING, "/sku", Required.YES)
            .column("position", ColumnType.INTEGER, "/position", Required.YES);

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        plan.write(unique.apply(
                "StructureSearchEvents", StructureJson.into(SESSION_STARTED, SEARCH_PERFORMED, RESULT_CLICKED)));
    }
}
