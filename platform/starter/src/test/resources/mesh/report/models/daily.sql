-- report.daily: what shop.sales says, per day.
CREATE OR REPLACE TABLE model.daily AS
SELECT day, sum(amount) AS amount
FROM external.shop_sales
GROUP BY day;
