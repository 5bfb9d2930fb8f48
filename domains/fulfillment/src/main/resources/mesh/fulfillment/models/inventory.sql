-- fulfillment.inventory_history: every stock level an article had at a location, one row per reading,
-- in time order per article and location (the warehouse log's sequence orders readings at the same instant).
CREATE OR REPLACE TABLE model.inventory_history AS
SELECT
    sku,
    location,
    available,
    reason,
    sequence,
    occurred_at AS updated_at
FROM clean.inventory_updated
ORDER BY sku, location, updated_at, sequence;

-- fulfillment.inventory_latest: the current stock, one row per article and location: its latest reading.
CREATE OR REPLACE TABLE model.inventory_latest AS
SELECT
    sku,
    location,
    available,
    updated_at
FROM model.inventory_history
QUALIFY row_number() OVER (PARTITION BY sku, location ORDER BY updated_at DESC, sequence DESC) = 1
ORDER BY sku, location;
