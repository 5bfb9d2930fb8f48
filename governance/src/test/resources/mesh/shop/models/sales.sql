-- shop.sales: sales per day and region, customers reduced to a masked email address.
CREATE OR REPLACE TABLE model.sales AS
SELECT
    day,
    sum(amount)                                        AS amount,
    region,
    '***@' || split_part(any_value(customer_email), '@', 2) AS customer_email
FROM clean.sales
GROUP BY day, region;
