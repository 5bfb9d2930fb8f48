-- Reads billing's published invoices straight from the mesh's files instead of through an input port.
CREATE OR REPLACE TABLE model.sales AS
SELECT s.day, sum(s.amount) AS amount, s.region, '***@example.com' AS customer_email
FROM clean.sales s
JOIN read_parquet('/data/mesh/billing/invoices/v1/snapshots/*/data/data.parquet') i USING (order_id)
GROUP BY s.day, s.region;
