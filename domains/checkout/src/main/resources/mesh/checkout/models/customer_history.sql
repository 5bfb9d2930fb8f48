-- checkout.customer_history: every state each customer account had, with the time it was valid from and to.
-- entity_history (a platform macro) orders each account's changes by their place in checkout's outbox.
CREATE OR REPLACE TABLE model.customer_history AS
SELECT
    entity_key      AS customer_id,
    postcode,
    city,
    registered_at,
    valid_from,
    valid_to,
    deleted         AS closed
FROM entity_history('clean.customer_changed')
ORDER BY customer_id, valid_from;
