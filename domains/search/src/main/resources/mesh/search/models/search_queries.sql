-- search.search_queries: one row per normalized query and day (UTC).
-- A query is normalized to lower case without surrounding spaces; contact data typed into the search box was
-- redacted in cleaning and appears as [email] or [phone]. A search counts on the day it was performed, and so
-- do the clicks on its results.
CREATE OR REPLACE TABLE model.search_queries AS
WITH searches AS (
    SELECT
        s.search_id,
        lower(trim(s.query))              AS query,
        CAST(s.occurred_at AS DATE)       AS day,
        s.result_count,
        coalesce(c.clicks, 0)             AS clicks
    FROM clean.search_performed s
    LEFT JOIN (
        SELECT search_id, count(*) AS clicks
        FROM clean.result_clicked
        GROUP BY search_id
    ) c USING (search_id)
)
SELECT
    query,
    day,
    count(*)                                                     AS searches,
    count(*) FILTER (WHERE result_count = 0)                     AS zero_result_searches,
    count(*) FILTER (WHERE result_count = 0) / count(*)          AS zero_result_rate,
    CAST(sum(clicks) AS BIGINT)                                  AS clicks,
    count(*) FILTER (WHERE clicks > 0) / count(*)                AS click_through_rate
FROM searches
GROUP BY query, day
ORDER BY day, query;
