-- Q1. Is it a good idea to offer free shipping during Black Week?
-- During Black Week every visit took part in an experiment: half of the customers were offered free shipping.
-- Compare the two arms: how often a visit ended in an order, and what a visit brought in (articles and the
-- shipping fees that were still paid, for orders that were not cancelled).
-- Products: search.search_sessions (the visit and its arm), checkout.orders (what the visit bought).
SELECT
    s.free_shipping_offered,
    count(*)                                                            AS sessions,
    count(o.order_id)                                                   AS orders,
    round(count(o.order_id) / count(*), 4)                              AS conversion,
    coalesce(sum(o.total + o.shipping_fee) FILTER (WHERE o.status <> 'cancelled'), 0) AS revenue,
    round(coalesce(sum(o.total + o.shipping_fee) FILTER (WHERE o.status <> 'cancelled'), 0) / count(*), 2)
                                                                        AS revenue_per_session
FROM search.search_sessions s
LEFT JOIN checkout.orders o ON o.session_id = s.session_id
WHERE s.free_shipping_offered IS NOT NULL -- only Black Week visits carry the experiment
GROUP BY s.free_shipping_offered
ORDER BY s.free_shipping_offered;
