-- Q4 in Trino's dialect (the question and its reading: ../q4-shelf-warmers.sql).
-- What differs from DuckDB: interval literals quote their number; a column joined USING is named without its
-- table (Trino has one sku after the join, DuckDB keeps each side's).
WITH as_of AS (
    SELECT date_trunc('day', max(purchased_at)) + INTERVAL '1' DAY AS moment FROM checkout.orders
),
in_stock AS (
    SELECT sku, sum(available) AS units_in_stock
    FROM fulfillment.inventory_latest
    GROUP BY sku
    HAVING max(available) > 0
),
sales AS (
    SELECT i.sku, max(i.purchased_at) AS last_sold_at
    FROM checkout.order_items i
    JOIN checkout.orders o USING (order_id)
    WHERE o.status <> 'cancelled'
    GROUP BY i.sku
)
SELECT sku, s.units_in_stock, sales.last_sold_at
FROM in_stock s
LEFT JOIN sales USING (sku)
WHERE sales.last_sold_at IS NULL
   OR sales.last_sold_at < (SELECT moment FROM as_of) - INTERVAL '6' MONTH
ORDER BY sku;
