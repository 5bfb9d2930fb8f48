-- checkout.order_items: one row per order line, numbered from 1 in the order the customer added them.
-- Lines of cancelled orders are kept: whether an order was cancelled is checkout.orders' to say.
CREATE OR REPLACE TABLE model.order_items AS
SELECT
    p.order_id,
    CAST(line.key AS INTEGER) + 1                       AS line_number,
    line.value ->> 'sku'                                AS sku,
    CAST(line.value ->> 'quantity' AS INTEGER)          AS quantity,
    CAST(line.value ->> 'unitPrice' AS DECIMAL(18,2))   AS unit_price,
    CAST(CAST(line.value ->> 'quantity' AS INTEGER) * CAST(line.value ->> 'unitPrice' AS DECIMAL(18,2))
         AS DECIMAL(18,2))                              AS amount,
    p.occurred_at                                       AS purchased_at
FROM clean.order_purchased p, json_each(p.lines) AS line
ORDER BY p.occurred_at, p.order_id, line_number;
