CREATE OR REPLACE TABLE model.sales AS
SELECT DATE '2026-01-01' + i::INTEGER AS day, i * 1.5 AS amount, 'north' AS region, '***@example.com' AS customer_email
FROM range(10) t(i);
CREATE OR REPLACE TABLE model.sales_files AS
SELECT 'sales.onnx' AS name, 'application/octet-stream' AS media_type, encode('weights') AS content;
