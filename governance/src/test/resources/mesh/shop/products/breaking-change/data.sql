CREATE OR REPLACE TABLE model.sales AS
SELECT DATE '2026-01-01' + i::INTEGER AS day, i * 1.5 AS amount, '***@example.com' AS customer_email
FROM range(10) t(i);
