-- source: address_windows
-- description: for each UTC day with blocks, the distinct addresses active in the trailing 7 and 30 days: the sum of
--   the window events (helper m_eth_activity, kinds w7 and w30) up to the day, from the rows of the 30 days before {from}
--   on (older events cancel out)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN (
  SELECT kind, on_day, sum(change) AS change
  FROM {schema}.m_eth_activity
  WHERE day > {from} - 30 AND kind IN ('w7', 'w30')
  GROUP BY 1, 2) x ON x.on_day <= d.day
GROUP BY 1
