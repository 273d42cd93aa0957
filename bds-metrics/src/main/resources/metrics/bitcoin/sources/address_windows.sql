-- source: address_windows
-- description: the events that open and close trailing activity windows and dormancy periods (helper
--   m_address_events, alias e: kind active_7d, active_30d, active_90d or dormant_1y, and delta), each on the first
--   day with blocks at or after its date, grouped by that day; the running total of a kind's deltas is the number of
--   addresses in that state at the end of the day
WITH days AS (
  SELECT day, lag(day) OVER (ORDER BY day) AS previous
  FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks)),
range AS (SELECT * FROM days WHERE day >= {from})
SELECT r.day,
  {metrics}
FROM range r
LEFT JOIN {schema}.m_address_events e
  ON e.event_day <= r.day AND (r.previous IS NULL OR e.event_day > r.previous)
GROUP BY 1
