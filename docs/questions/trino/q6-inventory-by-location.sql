-- Q6 in Trino's dialect (the question and its reading: ../q6-inventory-by-location.sql).
-- What differs from DuckDB: sums of whole numbers are cast to double before dividing.
SELECT
    location,
    count(*) FILTER (WHERE available > 0)                               AS articles_in_stock,
    sum(available)                                                      AS units_available,
    round(CAST(sum(available) AS double) / sum(sum(available)) OVER (), 4) AS share_of_units
FROM fulfillment.inventory_latest
GROUP BY location
ORDER BY location;
