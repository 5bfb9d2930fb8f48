-- fulfillment.shipments: one row per parcel, dispatched and perhaps delivered, with what was promised.
-- When it was bought comes from checkout.orders, read through the input port; a parcel of an order that
-- checkout does not (yet) publish keeps its row, without purchased_at.
CREATE OR REPLACE TABLE model.shipments AS
SELECT
    d.shipment_id,
    d.order_id,
    d.location,
    d.carrier,
    d.shipping_option,
    o.purchased_at,
    d.occurred_at                                   AS dispatched_at,
    d.promised_by,
    r.delivered_at,
    r.delivered_at <= d.promised_by                 AS on_time,
    CASE WHEN r.delivered_at IS NULL THEN 'in_transit' ELSE 'delivered' END AS status
FROM clean.shipment_dispatched d
LEFT JOIN (
    SELECT shipment_id, min(occurred_at) AS delivered_at
    FROM clean.shipment_delivered
    GROUP BY shipment_id
) r ON r.shipment_id = d.shipment_id
LEFT JOIN external.checkout_orders o ON o.order_id = d.order_id
ORDER BY dispatched_at, shipment_id;
