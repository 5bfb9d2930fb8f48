-- Q5 in Trino's dialect (the question and its reading: ../q5-black-week-shipping-times.sql).
-- What differs from DuckDB: Trino has no exact quantile (approx_percentile estimates), so the 90th percentile is
-- computed as DuckDB's quantile_cont does: the value at position 1 + 0.9 * (n - 1) of the sorted durations,
-- interpolated between its neighbours. GROUP BY ALL names its columns; durations come from date_diff.
WITH durations AS (
    SELECT
        CASE WHEN s.purchased_at >= TIMESTAMP '2025-11-24' AND s.purchased_at < TIMESTAMP '2025-12-01'
             THEN 'black-week' ELSE 'rest-of-year' END                 AS period,
        s.shipping_option,
        s.on_time,
        date_diff('millisecond', s.purchased_at, s.delivered_at) / 86400000e0 AS days
    FROM fulfillment.shipments s
    WHERE s.delivered_at IS NOT NULL AND s.purchased_at IS NOT NULL
),
ranked AS (
    SELECT d.*,
           row_number() OVER (PARTITION BY period, shipping_option ORDER BY days) AS position,
           1 + 0.9e0 * (count(*) OVER (PARTITION BY period, shipping_option) - 1) AS p90_position
    FROM durations d
)
SELECT
    period,
    shipping_option,
    count(*)                                                            AS deliveries,
    round(avg(days), 2)                                                 AS mean_delivery_days,
    round(max(CASE WHEN position = floor(p90_position) THEN days END)
          + (max(p90_position) - floor(max(p90_position)))
            * (max(CASE WHEN position = ceiling(p90_position) THEN days END)
               - max(CASE WHEN position = floor(p90_position) THEN days END)), 2) AS p90_delivery_days,
    round(avg(CASE WHEN on_time THEN 1 ELSE 0 END), 4)                  AS on_time_share
FROM ranked
GROUP BY period, shipping_option
ORDER BY period, shipping_option;
