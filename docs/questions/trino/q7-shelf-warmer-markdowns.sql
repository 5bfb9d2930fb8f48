-- Q7 in Trino's dialect (the question and its reading: ../q7-shelf-warmer-markdowns.sql).
-- What differs from DuckDB: interval literals quote their number; GROUP BY ALL names its columns; a column
-- joined USING is named without its table; a decimal
-- divided by a decimal keeps its scale in Trino, so the prices are cast to double first, as DuckDB divides them.
WITH states AS (
    SELECT sku, price, status, valid_from,
           lag(price) OVER (PARTITION BY sku ORDER BY valid_from) AS price_before
    FROM fulfillment.article_history
),
markdowns AS (
    SELECT sku, valid_from AS marked_down_at, price_before, price AS price_after
    FROM states
    WHERE price < price_before
),
delistings AS (
    SELECT sku, min(valid_from) AS delisted_at
    FROM fulfillment.article_history
    WHERE status = 'delisted'
    GROUP BY sku
),
sold AS (
    SELECT i.sku, i.quantity, i.purchased_at
    FROM checkout.order_items i
    JOIN checkout.orders o USING (order_id)
    WHERE o.status <> 'cancelled'
)
SELECT sku,
       m.marked_down_at,
       m.price_before,
       m.price_after,
       round(1 - CAST(m.price_after AS double) / CAST(m.price_before AS double), 2) AS markdown,
       coalesce(sum(s.quantity) FILTER (WHERE s.purchased_at >= m.marked_down_at - INTERVAL '90' DAY
                                          AND s.purchased_at < m.marked_down_at), 0) AS units_90_days_before,
       coalesce(sum(s.quantity) FILTER (WHERE s.purchased_at >= m.marked_down_at), 0) AS units_after,
       d.delisted_at
FROM markdowns m
LEFT JOIN sold s USING (sku)
LEFT JOIN delistings d USING (sku)
GROUP BY sku, m.marked_down_at, m.price_before, m.price_after, d.delisted_at
ORDER BY sku;
