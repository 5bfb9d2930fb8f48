-- fulfillment.delivery_predictions, step 1: every parcel with the columns the data science team's delivery-time
-- model reads, as its card describes them (shipping_option, black_week_option, month, channel). The step
-- ScoreDeliveries then predicts each parcel's days from dispatch to delivery with the model's ONNX file.
CREATE OR REPLACE TABLE model.delivery_inputs AS
SELECT
    s.shipment_id,
    s.order_id,
    s.purchased_at,
    s.dispatched_at,
    s.delivered_at,
    s.shipping_option,
    -- the shop's Black Week, 24 to 30 November, by the day the order was bought
    CASE
        WHEN s.purchased_at >= TIMESTAMP '2025-11-24' AND s.purchased_at < TIMESTAMP '2025-12-01'
        THEN s.shipping_option
        ELSE 'none'
    END                                                         AS black_week_option,
    strftime(s.purchased_at, '%m')                              AS month,
    o.channel
FROM model.shipments s
JOIN external.checkout_orders o ON o.order_id = s.order_id
WHERE s.purchased_at IS NOT NULL;
