-- checkout.customers: every open customer account in its latest state, from the accounts' changes.
-- entity_latest (a platform macro) keeps each account's last state and leaves out closed accounts.
CREATE OR REPLACE TABLE model.customers AS
SELECT
    entity_key      AS customer_id,
    postcode,
    city,
    registered_at,
    valid_from      AS changed_at
FROM entity_latest('clean.customer_changed')
ORDER BY customer_id;
