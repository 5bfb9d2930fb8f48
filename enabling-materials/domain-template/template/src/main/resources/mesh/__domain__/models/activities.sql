-- {{domain}}.activities: one row per activity, deduplicated, without the customer's personal data.
{{#reads}}
-- Whether {{readsProduct}} knows the activity's order comes through this domain's input port, {{readsView}}.
{{/reads}}
CREATE OR REPLACE TABLE model.activities AS
SELECT
    a.activity_id,
    a.order_id,
    a.customer_id,
    a.amount,
{{^reads}}
    a.occurred_at AS recorded_at
FROM clean.activity_recorded a
{{/reads}}
{{#reads}}
    a.occurred_at AS recorded_at,
    o.order_id IS NOT NULL AS {{readsColumn}}
FROM clean.activity_recorded a
LEFT JOIN (SELECT DISTINCT order_id FROM {{readsView}}) o ON o.order_id = a.order_id
{{/reads}}
ORDER BY a.occurred_at;
