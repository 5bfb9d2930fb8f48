package dev.meshshop.domains.search;

import dev.meshshop.domains.search.events.SearchEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.Completeness;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.MaskPersonalData;
import dev.meshshop.platform.pipelines.PersonalField;
import dev.meshshop.platform.pipelines.StructureJson;
import java.time.Duration;

/**
 * How search's raw events become clean tables: drop the copies that at-least-once delivery produces, report the
 * hours in which no visit started (the shop never has an empty hour, so such an hour is data the search service
 * lost), redact the e-mail addresses and phone numbers visitors typed into the search box, then read each event
 * type into its typed table.
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

    /** Every hour of the year has a visit, so completeness is judged on visits, by the hour. */
    static final Duration COMPLETENESS_PERIOD = Duration.ofHours(1);

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        plan.reportGaps(unique.apply(
                "HoursWithoutVisits", Completeness.of(SearchEvents.SESSION_STARTED.name(), COMPLETENESS_PERIOD)));
        var redacted = plan.route(unique.apply(
                "RedactContactDataInQueries",
                MaskPersonalData.with(
                        plan.personalDataSalt(),
                        PersonalField.redactFreeText(SearchEvents.SEARCH_PERFORMED.name(), "/query"))));
        plan.write(redacted.apply(
                "StructureSearchEvents", StructureJson.into(SESSION_STARTED, SEARCH_PERFORMED, RESULT_CLICKED)));
    }
}
