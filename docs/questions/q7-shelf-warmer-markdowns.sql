-- Q7. Did marking down the shelf warmers bring sales?
-- A markdown is a state of an article whose price is lower than the state before it; the sales around it come
-- from the orders that were not cancelled.
-- Products: fulfillment.article_history (prices and status over time, captured from the ERP),
-- checkout.order_items and checkout.orders (sales).
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
SELECT m.sku,
       m.marked_down_at,
       m.price_before,
       m.price_after,
       round(1 - m.price_after / m.price_before, 2) AS markdown,
       coalesce(sum(s.quantity) FILTER (WHERE s.purchased_at >= m.marked_down_at - INTERVAL 90 DAY
                                          AND s.purchased_at < m.marked_down_at), 0) AS units_90_days_before,
       coalesce(sum(s.quantity) FILTER (WHERE s.purchased_at >= m.marked_down_at), 0) AS units_after,
       d.delisted_at
FROM markdowns m
LEFT JOIN sold s USING (sku)
LEFT JOIN delistings d USING (sku)
GROUP BY ALL
ORDER BY m.sku;
