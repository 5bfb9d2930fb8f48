-- fulfillment.article_history and fulfillment.articles: the ERP's article catalogue, from the changes the platform
-- captured from its database (entity_history and entity_latest are platform macros). The price arrives as the text
-- of the ERP's numeric column.
CREATE OR REPLACE TABLE model.article_history AS
SELECT
    entity_key                      AS sku,
    category,
    CAST(price AS DECIMAL(10,2))    AS price,
    status,
    valid_from,
    valid_to,
    deleted
FROM entity_history('clean.article_changed')
ORDER BY sku, valid_from;

-- the latest state of every article not deleted: the current state of its history
CREATE OR REPLACE TABLE model.articles AS
SELECT sku, category, price, status, valid_from AS changed_at
FROM model.article_history
WHERE valid_to IS NULL
ORDER BY sku;
