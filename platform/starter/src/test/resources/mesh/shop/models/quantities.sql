-- shop.quantities: how many of each item one sale took.
CREATE OR REPLACE TABLE model.quantities AS
SELECT sku, quantity
FROM clean.items_sold;
