-- Q1 in Trino's dialect (the question and its reading: ../q1-black-week-free-shipping.sql).
-- What differs from DuckDB: dividing two integers divides whole numbers in Trino, so counts are cast to double
-- first; DuckDB divides a decimal by a count as double, so the revenue is cast too.
SELECT
    s.free_shipping_offered,
    count(*)                                                            AS sessions,
    count(o.order_id)                                                   AS orders,
    round(CAST(count(o.order_id) AS double) / count(*), 4)              AS conversion,
    coalesce(sum(o.total + o.shipping_fee) FILTER (WHERE o.status <> 'cancelled'), 0) AS revenue,
    round(CAST(coalesce(sum(o.total + o.shipping_fee) FILTER (WHERE o.status <> 'cancelled'), 0) AS double)
          / count(*), 2)                                                AS revenue_per_session
FROM search.search_sessions s
LEFT JOIN checkout.orders o ON o.session_id = s.session_id
WHERE s.free_shipping_offered IS NOT NULL
GROUP BY s.free_shipping_offered
ORDER BY s.free_shipping_offered;
