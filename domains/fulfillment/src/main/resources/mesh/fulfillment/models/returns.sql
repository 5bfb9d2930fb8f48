-- fulfillment.returns: one row per return that arrived at a warehouse. Served as v1 (reason) and, since its
-- breaking change, as v2 (return_reason) beside it until v1 retires (see returns.odcs.yaml).
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

CREATE OR REPLACE VIEW model.returns_v2 AS
SELECT return_id, order_id, sku, quantity, reason AS return_reason, received_at
FROM model.returns;
