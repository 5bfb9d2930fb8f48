package dev.meshshop.domains.checkout.orders;

import dev.meshshop.domains.checkout.events.CheckoutEvents;
import dev.meshshop.platform.pipelines.CleanTable;
import dev.meshshop.platform.pipelines.CleanTable.Required;
import dev.meshshop.platform.pipelines.CleaningPlan;
import dev.meshshop.platform.pipelines.ColumnType;
import dev.meshshop.platform.pipelines.DeduplicateById;
import dev.meshshop.platform.pipelines.DomainCleaning;
import dev.meshshop.platform.pipelines.MaskPersonalData;
import dev.meshshop.platform.pipelines.MitigateSchemaChanges;
import dev.meshshop.platform.pipelines.PersonalField;
import dev.meshshop.platform.pipelines.SchemaMapping;
import dev.meshshop.platform.pipelines.StructureJson;

/**
 * How checkout's raw events become clean tables, in the order a reader would check them:
 *
 * <ol>
 *   <li>drop the copies that at-least-once delivery produces;
 *   <li>bring purchases sent before the mid-year schema change (OrderPurchased v1) to the current shape (v2);
 *   <li>mask the customer's personal data: hash the e-mail address (it still joins), drop the name; in the
 *       customer accounts' changes also drop the phone number and the street;
 *   <li>read each event type into its typed table; a purchase whose total is not a number is quarantined. The
 *       accounts' changes become {@code clean.customer_changed}, whose history the models derive with the
 *       platform's {@code entity_history}.
 * </ol>
 *
 * The steps are the platform's; the composition, the mapping and the column mapping are checkout's knowledge.
 */
public final class OrdersCleaning implements DomainCleaning {

    /** OrderPurchased v2 renamed the total, grouped the shipping fields and added the channel (the app's launch). */
    static final SchemaMapping ORDER_PURCHASED_V1_TO_V2 = SchemaMapping.forType(CheckoutEvents.ORDER_PURCHASED.name())
            .currentVersion(CheckoutEvents.ORDER_PURCHASED.schemaVersion())
            .fromVersion(CheckoutEvents.ORDER_PURCHASED_V1.schemaVersion(), v -> v.rename("/total", "/orderTotal")
                    .rename("/shippingOption", "/shipping/option")
                    .rename("/shippingFee", "/shipping/fee")
                    .withDefault("/channel", "web"));

    static final PersonalField CUSTOMER_EMAIL =
            PersonalField.hash(CheckoutEvents.ORDER_PURCHASED.name(), "/customer/email");

    static final PersonalField CUSTOMER_NAME =
            PersonalField.drop(CheckoutEvents.ORDER_PURCHASED.name(), "/customer/name");

    static final String CUSTOMER_CHANGED_TYPE = CheckoutEvents.CUSTOMER_CHANGED.name();

    static final PersonalField ACCOUNT_EMAIL = PersonalField.hash(CUSTOMER_CHANGED_TYPE, "/state/email");
    static final PersonalField ACCOUNT_NAME = PersonalField.drop(CUSTOMER_CHANGED_TYPE, "/state/name");
    static final PersonalField ACCOUNT_PHONE = PersonalField.drop(CUSTOMER_CHANGED_TYPE, "/state/phone");
    static final PersonalField ACCOUNT_STREET = PersonalField.drop(CUSTOMER_CHANGED_TYPE, "/state/street");

    /** The changes of customer accounts in the shape the platform's entity histories read. */
    static final CleanTable CUSTOMER_CHANGED = CleanTable.ofEntityChanges("customer_changed", CUSTOMER_CHANGED_TYPE)
            .state("email_hash", ColumnType.STRING, "email", Required.YES)
            .state("postcode", ColumnType.STRING, "postcode", Required.YES)
            .state("city", ColumnType.STRING, "city", Required.YES)
            .state("registered_at", ColumnType.TIMESTAMP, "registered_at", Required.YES);

    static final CleanTable ORDER_PURCHASED = CleanTable.of("order_purchased", CheckoutEvents.ORDER_PURCHASED.name())
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES)
            .column("session_id", ColumnType.STRING, "/sessionId", Required.YES)
            .column("customer_id", ColumnType.STRING, "/customer/id", Required.YES)
            .column("customer_email_hash", ColumnType.STRING, "/customer/email", Required.YES)
            .column("total", ColumnType.DECIMAL, "/orderTotal", Required.YES)
            .column("currency", ColumnType.STRING, "/currency", Required.YES)
            .column("shipping_option", ColumnType.STRING, "/shipping/option", Required.YES)
            .column("shipping_fee", ColumnType.DECIMAL, "/shipping/fee", Required.YES)
            .column("promotion", ColumnType.STRING, "/promotion", Required.NO)
            .column("channel", ColumnType.STRING, "/channel", Required.YES)
            .column("lines", ColumnType.JSON, "/lines", Required.YES);

    static final CleanTable ORDER_CANCELLED = CleanTable.of("order_cancelled", CheckoutEvents.ORDER_CANCELLED.name())
            .column("order_id", ColumnType.STRING, "/orderId", Required.YES);

    @Override
    public void compose(CleaningPlan plan) {
        var unique = plan.route(plan.rawEvents().apply("DeduplicateByEventId", DeduplicateById.create()));
        var current =
                plan.route(unique.apply("MapOrderPurchasedToV2", MitigateSchemaChanges.of(ORDER_PURCHASED_V1_TO_V2)));
        var masked = plan.route(current.apply(
                "MaskCustomerData",
                MaskPersonalData.with(
                        plan.personalDataSalt(),
                        CUSTOMER_EMAIL,
                        CUSTOMER_NAME,
                        ACCOUNT_EMAIL,
                        ACCOUNT_NAME,
                        ACCOUNT_PHONE,
                        ACCOUNT_STREET)));
        plan.write(masked.apply(
                "StructureCheckoutEvents", StructureJson.into(ORDER_PURCHASED, ORDER_CANCELLED, CUSTOMER_CHANGED)));
    }
}
