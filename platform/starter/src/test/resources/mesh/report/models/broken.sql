-- report.daily, broken: reads a column shop.sales does not have.
CREATE OR REPLACE TABLE model.daily AS
SELECT day, sum(price) AS amount
FROM external.shop_sales
GROUP BY day;
