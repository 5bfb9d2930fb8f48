-- search.search_sessions: one row per visit, with the experiments it took part in, what the visitor did and
-- whether the visit ended in an order. Orders come from checkout.orders through the input port
-- external.checkout_orders, joined on session_id; a visit with several orders names its first.
CREATE OR REPLACE TABLE model.search_sessions AS
SELECT
    v.session_id,
    v.customer_id,
    v.occurred_at                          AS started_at,
    v.product_page_variant,
    v.free_shipping_offered,
    CAST(coalesce(s.searches, 0) AS INTEGER) AS searches,
    CAST(coalesce(c.clicks, 0) AS INTEGER)   AS clicks,
    o.order_id,
    o.order_id IS NOT NULL                 AS converted
FROM clean.session_started v
LEFT JOIN (
    SELECT session_id, count(*) AS searches
    FROM clean.search_performed
    GROUP BY session_id
) s USING (session_id)
LEFT JOIN (
    SELECT session_id, count(*) AS clicks
    FROM clean.result_clicked
    GROUP BY session_id
) c USING (session_id)
LEFT JOIN (
    SELECT session_id, arg_min(order_id, purchased_at) AS order_id
    FROM external.checkout_orders
    WHERE session_id IS NOT NULL
    GROUP BY session_id
) o USING (session_id)
ORDER BY v.occurred_at;
