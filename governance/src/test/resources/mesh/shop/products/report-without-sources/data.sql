CREATE OR REPLACE TABLE model.sales AS
SELECT DATE '2026-01-01' + i::INTEGER AS day, i * 1.5 AS amount, 'north' AS region, '***@example.com' AS customer_email
FROM range(10) t(i);
CREATE OR REPLACE TABLE model.sales_files AS
SELECT 'report.html' AS name, 'text/html' AS media_type, encode('<h1>Sales</h1>') AS content;
