-- m_eth_activity: what each day's address rows (m_eth_address_day) contribute to the trailing-window and retention
-- metrics, so that a run reads a few rows per day instead of a month of address rows.
--   kind 'w7' / 'w30': events of the trailing 7- and 30-day distinct counts. An active row of day s whose previous
--     active day is p is the first of its address's rows in the window ending on day d exactly when s <= d < s + W and
--     d >= p + W; it adds +1 on day max(s, p + W) and -1 on day s + W. The count on day d is the sum of the events up
--     to d (those of rows older than W days cancel out).
--   kind 'returning': active rows that are their address's first of the month, counted by the month of the address's
--     first active day (cohort), on_day = the row's day.
--   kind 'new': addresses whose first active day it is, by that day's month (cohort).
-- A run rebuilds the rows of the days from {from} on.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_activity (
  day DATE NOT NULL,
  kind VARCHAR NOT NULL,
  on_day DATE NOT NULL,
  cohort DATE,
  change BIGINT NOT NULL);
-- refresh
DELETE FROM {schema}.m_eth_activity WHERE day >= {from};
INSERT INTO {schema}.m_eth_activity
WITH active AS (
  SELECT day, previous_day, first_day
  FROM {schema}.m_eth_address_day
  WHERE day >= {from} AND (sent OR received))
SELECT day, kind, on_day, cohort, sum(change)
FROM (
  SELECT a.day, 'w' || w.days AS kind, greatest(a.day, coalesce(a.previous_day + w.days, a.day)) AS on_day,
    NULL::DATE AS cohort, 1 AS change
  FROM active a CROSS JOIN (SELECT unnest(ARRAY[7, 30]) AS days) w
  UNION ALL
  SELECT a.day, 'w' || w.days, a.day + w.days, NULL, -1
  FROM active a CROSS JOIN (SELECT unnest(ARRAY[7, 30]) AS days) w
  UNION ALL
  SELECT day, 'returning', day, CAST(date_trunc('month', first_day) AS DATE), 1
  FROM active
  WHERE previous_day < CAST(date_trunc('month', day) AS DATE) AND first_day < CAST(date_trunc('month', day) AS DATE)
  UNION ALL
  SELECT day, 'new', day, CAST(date_trunc('month', day) AS DATE), 1
  FROM active
  WHERE first_day = day)
GROUP BY day, kind, on_day, cohort;
