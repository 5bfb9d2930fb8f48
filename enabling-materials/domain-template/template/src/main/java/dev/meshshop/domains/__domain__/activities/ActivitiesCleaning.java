package dev.meshshop.domains.{{domain}}.activities;

import dev.meshshop.domains.{{domain}}.events.{{Domain}}Events;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.MaskPersonalData;
import dev.meshshop.platform.pipelines.PersonalField;
import dev.meshshop.platform.pipelines.StructureJson;

/**
 * How the raw events become clean tables, composed from the platform's steps (platform/pipelines), in the order a
 * reader would check them:
 *
 * <ol>
 *   <li>drop the copies that at-least-once delivery produces;
 *   <li>drop the customer's e-mail address: nobody downstream needs it, not even to join;
 *   <li>read each event type into its typed table; an event without a required field is quarantined.
 * </ol>
 *
 * Steps to add when the events need them: {@code MitigateSchemaChanges} (a new schema version of an event),
 * {@code RepairOutliers} (values a known bug left behind), {@code Completeness} (hours without any event).
 */
public final class ActivitiesCleaning implements DomainCleaning {

    static final String ACTIVITY = {{Domain}}Events.ACTIVITY_RECORDED.name();

    static final PersonalField CUSTOMER_EMAIL = PersonalField.drop(ACTIVITY, "/customerEmail");

    static final CleanTable ACTIVITY_RECORDED = CleanTable.of("activity_recorded", ACTIVITY)
            .column("activity_id", ColumnType.STRING, "/activityId", Required.YES)
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("customer_id", ColumnType.STRING, "/customerId", Required.YES)
            .column("amount", ColumnType.DECIMAL, "/amount", Required.YES);

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        var masked = plan.route(
                unique.apply("DropCustomerEmail", MaskPersonalData.with(plan.personalDataSalt(), CUSTOMER_EMAIL)));
        plan.write(masked.apply("StructureActivityEvents", StructureJson.into(ACTIVITY_RECORDED)));
    }
}
