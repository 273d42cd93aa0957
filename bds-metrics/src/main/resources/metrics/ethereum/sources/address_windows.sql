-- source: address_windows
-- description: for each UTC day with blocks, the distinct addresses active in the trailing 7 and 30 days. An address's
--   active row of day s whose previous active day is p is the first of its rows in the window ending on day d exactly
--   when s <= d < s + W and d >= p + W, so each address counts once per window: the rows are turned into +1 and -1
--   events on those day bounds and summed up to each day (helper m_eth_address_day, rows of the last 30 days before
--   {from} on)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN (
  SELECT e.window_days, e.on_day, sum(e.change) AS change
  FROM (
    SELECT w.window_days, greatest(a.day, coalesce(a.previous_day + w.window_days, a.day)) AS on_day, 1 AS change
    FROM {schema}.m_eth_address_day a CROSS JOIN (SELECT unnest([7, 30]) AS window_days) w
    WHERE a.day >= {from} - 29 AND a.day > {from} - w.window_days AND (a.sent OR a.received)
    UNION ALL
    SELECT w.window_days, a.day + w.window_days, -1
    FROM {schema}.m_eth_address_day a CROSS JOIN (SELECT unnest([7, 30]) AS window_days) w
    WHERE a.day >= {from} - 29 AND a.day > {from} - w.window_days AND (a.sent OR a.received)) e
  GROUP BY 1, 2) x ON x.on_day <= d.day
GROUP BY 1
