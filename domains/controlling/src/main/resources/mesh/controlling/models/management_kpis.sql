-- controlling.management_report, step 2: the report's figures, one row per KPI and month of purchase. Each KPI is
-- computed from the products its description names, read through controlling's input ports, beside its target for
-- the month from the latest upload of controlling's manual dataset kpi_targets, if one covers it; the step
-- RenderManagementReport draws them as a PDF and an HTML page.
CREATE OR REPLACE TABLE model.management_kpis AS
WITH orders AS (
    SELECT order_id, date_trunc('month', purchased_at)::DATE AS month, status, total + coalesce(shipping_fee, 0) AS paid
    FROM external.checkout_orders
),
revenue AS (
    -- what customers paid for the orders they did not cancel: articles and shipping
    SELECT month, coalesce(sum(paid) FILTER (WHERE status = 'purchased'), 0)::DOUBLE AS value FROM orders GROUP BY month
),
revenue_per_working_day AS (
    -- revenue over the month's working days at the office (model.working_days, from the holiday calendar), so that
    -- months of different length and holidays compare; a month the calendar does not cover has none
    SELECT r.month, (r.value / w.working_days)::DOUBLE AS value
    FROM revenue r
    JOIN model.working_days w ON w.month = r.month AND w.site = 'leipzig'
    WHERE w.working_days > 0
),
conversion AS (
    -- the share of visits that ended in an order
    SELECT date_trunc('month', started_at)::DATE AS month, avg(converted::INTEGER)::DOUBLE AS value
    FROM external.search_search_sessions GROUP BY 1
),
return_rate AS (
    -- the share of orders not cancelled that had an article sent back
    SELECT o.month, avg((r.order_id IS NOT NULL)::INTEGER)::DOUBLE AS value
    FROM orders o
    LEFT JOIN (SELECT DISTINCT order_id FROM external.fulfillment_returns) r ON r.order_id = o.order_id
    WHERE o.status = 'purchased'
    GROUP BY o.month
),
on_time AS (
    -- the share of delivered parcels that arrived by the promised time, by the month their order was bought
    SELECT date_trunc('month', purchased_at)::DATE AS month, avg(on_time::INTEGER)::DOUBLE AS value
    FROM external.fulfillment_shipments
    WHERE delivered_at IS NOT NULL AND purchased_at IS NOT NULL
    GROUP BY 1
),
payment_failures AS (
    -- the share of orders whose payment failed at least once
    SELECT o.month, avg((p.failed_attempts > 0)::INTEGER)::DOUBLE AS value
    FROM orders o
    JOIN external.payment_payments p ON p.order_id = o.order_id
    GROUP BY o.month
),
figures AS (
    SELECT 'revenue' AS kpi, month, value FROM revenue
    UNION ALL SELECT 'revenue_per_working_day', month, value FROM revenue_per_working_day
    UNION ALL SELECT 'conversion', month, value FROM conversion
    UNION ALL SELECT 'return_rate', month, value FROM return_rate
    UNION ALL SELECT 'on_time_delivery', month, value FROM on_time
    UNION ALL SELECT 'payment_failures', month, value FROM payment_failures
),
targets AS (
    -- the latest upload that covers a KPI's month wins
    SELECT kpi, month, target::DOUBLE AS target
    FROM raw.kpi_targets_current
    QUALIFY row_number() OVER (PARTITION BY kpi, month ORDER BY business_day DESC) = 1
)
SELECT f.kpi, f.month, f.value, t.target
FROM figures f
LEFT JOIN targets t ON t.kpi = f.kpi AND t.month = strftime(f.month, '%Y-%m')
ORDER BY f.kpi, f.month;
