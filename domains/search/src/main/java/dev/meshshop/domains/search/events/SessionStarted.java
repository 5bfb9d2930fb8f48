package dev.meshshop.domains.search.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A visitor opened the shop: the visit's id, who they are, and which arm of each running experiment they see.
 *
 * @param customerId the customer's pseudonymous id, such as {@code c-000042}
 * @param productPageVariant the product page the visit is shown: {@code A} (the old page) or {@code B} (the new)
 * @param freeShippingOffered whether the visit is offered free shipping; only set during Black Week, when the
 *     free-shipping experiment runs, and absent from the event otherwise
 */
public record SessionStarted(
        String sessionId,
        String customerId,
        String productPageVariant,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean freeShippingOffered) {}
