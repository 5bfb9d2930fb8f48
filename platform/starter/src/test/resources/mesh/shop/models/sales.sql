-- shop.sales: what was sold, per event.
CREATE OR REPLACE TABLE model.sales AS
SELECT occurred_at::DATE AS day, quantity AS amount
FROM clean.items_sold;
