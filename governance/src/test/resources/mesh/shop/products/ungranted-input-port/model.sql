-- shop.sales net of refunds, read through the input port billing.refunds (which billing never granted to shop).
CREATE OR REPLACE TABLE model.sales AS
SELECT
    sales.day,
    sum(sales.amount) - coalesce(any_value(refunds.amount), 0) AS amount,
    sales.region,
    '***@' || split_part(any_value(sales.customer_email), '@', 2) AS customer_email
FROM clean.sales AS sales
LEFT JOIN external.billing_refunds AS refunds ON refunds.day = sales.day AND refunds.region = sales.region
GROUP BY sales.day, sales.region;
