-- Q6. How is current inventory distributed over locations?
-- One GROUP BY over one product: the latest stock per article and location.
-- Products: fulfillment.inventory_latest.
SELECT
    location,
    count(*) FILTER (WHERE available > 0)                               AS articles_in_stock,
    sum(available)                                                      AS units_available,
    round(sum(available) / sum(sum(available)) OVER (), 4)              AS share_of_units
FROM fulfillment.inventory_latest
GROUP BY location
ORDER BY location;
