-- controlling, step 1: the anti-corruption layer of the public holiday calendar (docs/adr/0029). The provider's file,
-- loaded into raw.public_holidays as delivered, speaks the provider's language: German dates and names, its own
-- state codes or 'alle', kinds of holiday, next year's holidays as a preview. Nothing else in controlling reads it;
-- the tables below say the same in the shop's terms: its sites, days and working days. When the provider changes its
-- format, this file changes, and the report does not.

-- The shop's sites, each with the provider's code of the state it lies in. The office, with controlling, is in
-- Leipzig, beside the largest warehouse.
CREATE OR REPLACE TABLE model.sites AS
SELECT * FROM (VALUES ('berlin', 'BE'), ('hamburg', 'HH'), ('leipzig', 'SN')) AS sites (site, state);

-- The holidays at each of the shop's sites, one row per site and day off, with the share of the day that is worked.
CREATE OR REPLACE TABLE model.site_holidays AS
WITH delivered AS (
    SELECT
        try_strptime(datum, '%d.%m.%Y')::DATE                  AS day,
        trim(feiertag)                                          AS name,
        string_split(upper(trim(laender)), ' ')                 AS states,
        lower(trim(art))                                        AS kind,
        business_day
    FROM raw.public_holidays_current
)
SELECT
    s.site,
    d.day,
    -- the provider may list a day twice for a state (two names); the site keeps the day once, the smaller share
    string_agg(d.name, ' / ' ORDER BY d.name)                   AS name,
    -- a legal holiday is not worked; on a customary one (Christmas Eve, New Year's Eve) the office closes at noon
    min(CASE d.kind WHEN 'gesetzlich' THEN 0.0 ELSE 0.5 END)    AS worked_share
FROM delivered d
JOIN model.sites s ON list_contains(d.states, 'ALLE') OR list_contains(d.states, s.state)
WHERE d.day IS NOT NULL
  -- a holiday of only some municipalities of the state: none of the sites lies in one
  AND d.kind IN ('gesetzlich', 'brauchtum')
  -- a file is the calendar of its year; its rows of the next year are a preview, and the next year's file rules
  AND year(d.day) = year(d.business_day)
GROUP BY s.site, d.day
ORDER BY s.site, d.day;

-- Working days per site and month of each year the calendar covers: Monday to Friday, less the holidays (a
-- customary half day counts half). A month of a year with no calendar has no row: nothing is counted on a guess.
CREATE OR REPLACE TABLE model.working_days AS
WITH covered AS (
    SELECT DISTINCT year(business_day) AS year FROM raw.public_holidays_current
),
days AS (
    SELECT unnest(generate_series(make_date(year, 1, 1)::TIMESTAMP, make_date(year, 12, 31)::TIMESTAMP,
        INTERVAL 1 DAY))::DATE AS day
    FROM covered
)
SELECT
    s.site,
    date_trunc('month', d.day)::DATE                                                AS month,
    sum(CASE WHEN isodow(d.day) >= 6 THEN 0 ELSE coalesce(h.worked_share, 1) END)::DOUBLE AS working_days
FROM days d
CROSS JOIN model.sites s
LEFT JOIN model.site_holidays h ON h.site = s.site AND h.day = d.day
GROUP BY s.site, date_trunc('month', d.day)
ORDER BY s.site, month;
