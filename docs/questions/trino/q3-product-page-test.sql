-- Q3 in Trino's dialect (the question and its reading: ../q3-product-page-test.sql).
-- What differs from DuckDB: counts are cast to double before dividing.
SELECT
    s.product_page_variant                                              AS variant,
    count(*)                                                            AS sessions,
    count(o.order_id)                                                   AS orders,
    round(CAST(count(o.order_id) AS double) / count(*), 4)              AS conversion,
    count(o.order_id) FILTER (WHERE o.status <> 'cancelled')            AS kept_orders,
    count(r.order_id) FILTER (WHERE o.status <> 'cancelled')            AS returned_orders,
    round(CAST(count(r.order_id) FILTER (WHERE o.status <> 'cancelled') AS double)
          / count(o.order_id) FILTER (WHERE o.status <> 'cancelled'), 4) AS return_rate
FROM search.search_sessions s
LEFT JOIN checkout.orders o ON o.session_id = s.session_id
LEFT JOIN (SELECT DISTINCT order_id FROM fulfillment.returns) r ON r.order_id = o.order_id
GROUP BY s.product_page_variant
ORDER BY s.product_page_variant;
