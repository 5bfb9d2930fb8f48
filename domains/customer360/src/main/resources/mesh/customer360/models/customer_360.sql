-- customer360.customer_360: one row per customer who visited or ordered, from the products of four domains.
-- Every input is read through this domain's input ports (external.*), never from another domain's area.
-- "Now" is the newest order in the data, so that segments mean the same whenever the model runs.

CREATE OR REPLACE TABLE model.customer_orders AS
SELECT
    o.customer_id,
    count(*)                                                        AS orders,
    count(*) FILTER (WHERE o.status = 'cancelled')                  AS cancelled_orders,
    coalesce(sum(o.total + o.shipping_fee) FILTER (WHERE o.status <> 'cancelled'), 0)::DECIMAL(18,2) AS revenue,
    min(o.purchased_at)                                             AS first_order_at,
    max(o.purchased_at)                                             AS last_order_at
FROM external.checkout_orders o
GROUP BY o.customer_id;

CREATE OR REPLACE TABLE model.customer_deliveries AS
SELECT
    o.customer_id,
    count(s.delivered_at)                                           AS deliveries,
    count(*) FILTER (WHERE s.on_time = false)                       AS late_deliveries,
    avg(epoch(s.delivered_at - o.purchased_at) / 86400.0)           AS mean_delivery_days
FROM external.fulfillment_shipments s
JOIN external.checkout_orders o USING (order_id)
GROUP BY o.customer_id;

CREATE OR REPLACE TABLE model.customer_returns AS
SELECT o.customer_id, count(DISTINCT r.return_id) AS returns
FROM external.fulfillment_returns r
JOIN external.checkout_orders o USING (order_id)
GROUP BY o.customer_id;

CREATE OR REPLACE TABLE model.customer_payments AS
SELECT o.customer_id, sum(p.failed_attempts)::INTEGER AS payment_failures
FROM external.payment_payments p
JOIN external.checkout_orders o USING (order_id)
GROUP BY o.customer_id;

CREATE OR REPLACE TABLE model.customer_visits AS
SELECT
    customer_id,
    count(*)                                                        AS sessions,
    sum(searches)::BIGINT                                           AS searches,
    count(*) FILTER (WHERE converted)                               AS converted_sessions
FROM external.search_search_sessions
GROUP BY customer_id;

CREATE OR REPLACE TABLE model.customer_360 AS
WITH customers AS (
    SELECT customer_id FROM model.customer_orders
    UNION
    SELECT customer_id FROM model.customer_visits
),
latest AS (SELECT max(purchased_at) AS newest_order_at FROM external.checkout_orders)
SELECT
    c.customer_id,
    coalesce(o.orders, 0)::INTEGER                                  AS orders,
    coalesce(o.cancelled_orders, 0)::INTEGER                        AS cancelled_orders,
    coalesce(o.revenue, 0)::DECIMAL(18,2)                           AS revenue,
    o.first_order_at,
    o.last_order_at,
    coalesce(r.returns, 0)::INTEGER                                 AS returns,
    coalesce(d.deliveries, 0)::INTEGER                              AS deliveries,
    coalesce(d.late_deliveries, 0)::INTEGER                         AS late_deliveries,
    round(d.mean_delivery_days, 2)::DOUBLE                          AS mean_delivery_days,
    coalesce(p.payment_failures, 0)::INTEGER                        AS payment_failures,
    coalesce(v.sessions, 0)::INTEGER                                AS sessions,
    coalesce(v.searches, 0)::INTEGER                                AS searches,
    coalesce(v.converted_sessions, 0)::INTEGER                      AS converted_sessions,
    CASE
        WHEN coalesce(o.orders, 0) = 0 THEN 'browser'
        WHEN o.orders - o.cancelled_orders >= 8 THEN 'vip'
        WHEN o.last_order_at < (SELECT newest_order_at FROM latest) - INTERVAL 120 DAY
             OR coalesce(d.late_deliveries, 0) >= 2 THEN 'at-risk'
        WHEN o.orders = 1 THEN 'one-time'
        ELSE 'regular'
    END                                                             AS segment
FROM customers c
LEFT JOIN model.customer_orders o USING (customer_id)
LEFT JOIN model.customer_deliveries d USING (customer_id)
LEFT JOIN model.customer_returns r USING (customer_id)
LEFT JOIN model.customer_payments p USING (customer_id)
LEFT JOIN model.customer_visits v USING (customer_id)
ORDER BY c.customer_id;
