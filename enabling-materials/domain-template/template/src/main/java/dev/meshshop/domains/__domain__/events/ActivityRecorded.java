package dev.meshshop.domains.{{domain}}.events;

import java.math.BigDecimal;

/**
 * The operational system recorded an activity for an order: the template's example event. Rename it after what
 * your system does, keep it an immutable record, and give it the fields your products need.
 *
 * @param activityId the activity's id in the operational system
 * @param orderId the order it was about; checkout.orders has it under the same id
 * @param customerId the customer, as every system of the shop knows them: a pseudonymous id
 * @param customerEmail the customer's e-mail address: personal data, which cleaning drops
 * @param amount the amount involved, in EUR
 */
public record ActivityRecorded(
        String activityId, String orderId, String customerId, String customerEmail, BigDecimal amount) {}
