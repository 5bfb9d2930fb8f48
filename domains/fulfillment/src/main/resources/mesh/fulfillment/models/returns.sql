-- fulfillment.returns: one row per return that arrived at a warehouse.
CREATE OR REPLACE TABLE model.returns AS
SELECT
    return_id,
    order_id,
    sku,
    quantity,
    reason,
    occurred_at AS received_at
FROM clean.return_received
ORDER BY received_at, return_id;
