-- A model that reads a column the clean zone does not have.
CREATE OR REPLACE TABLE model.sales AS
SELECT occurred_at::DATE AS day, price AS amount
FROM clean.items_sold;
