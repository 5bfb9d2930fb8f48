-- Q3. How does a product page change influence the checkout and returns rate?
-- All year, visits were split between the old product page (A) and the new one (B). Per variant: how often a
-- visit ended in an order, and how many of the orders that were kept had an article sent back.
-- Products: search.search_sessions (variant), checkout.orders (orders), fulfillment.returns (returns).
SELECT
    s.product_page_variant                                              AS variant,
    count(*)                                                            AS sessions,
    count(o.order_id)                                                   AS orders,
    round(count(o.order_id) / count(*), 4)                              AS conversion,
    count(o.order_id) FILTER (WHERE o.status <> 'cancelled')            AS kept_orders,
    count(r.order_id) FILTER (WHERE o.status <> 'cancelled')            AS returned_orders,
    round(count(r.order_id) FILTER (WHERE o.status <> 'cancelled')
          / count(o.order_id) FILTER (WHERE o.status <> 'cancelled'), 4) AS return_rate
FROM search.search_sessions s
LEFT JOIN checkout.orders o ON o.session_id = s.session_id
LEFT JOIN (SELECT DISTINCT order_id FROM fulfillment.returns) r ON r.order_id = o.order_id
GROUP BY s.product_page_variant
ORDER BY s.product_page_variant;
