-- source: supply
-- description: the unspent outputs at the end of each UTC day, one row per day, creation day and coinbase flag
--   (helpers m_output_created, m_output_spent): outputs and value still unspent, age (whole UTC days from the creation
--   day to the day), total (the day's unspent outputs) and younger (unspent outputs of this age or younger, coinbase
--   ones counted after the others of the same age); an output spent by a block whose header time falls on an earlier
--   UTC day than its own block's counts as spent on its own day
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks),
created AS (
  SELECT day AS created_day, coinbase, sum(outputs) AS outputs, sum(value) AS value
  FROM {schema}.m_output_created GROUP BY 1, 2),
-- header times may go back a little: an output spent by a block dated the day before the block that made it counts as
-- spent on the day it was made
spent_before AS (
  SELECT created_day, coinbase, sum(outputs) AS outputs, sum(value) AS value
  FROM {schema}.m_output_spent WHERE greatest(spent_day, created_day) < {from} GROUP BY 1, 2),
spent AS (
  SELECT greatest(spent_day, created_day) AS spent_day, created_day, coinbase, sum(outputs) AS outputs, sum(value) AS value
  FROM {schema}.m_output_spent WHERE greatest(spent_day, created_day) >= {from} GROUP BY 1, 2, 3),
grid AS (
  SELECT d.day, c.created_day, c.coinbase,
    c.outputs - coalesce(b.outputs, 0) - coalesce(sum(s.outputs) OVER w, 0) AS outputs,
    c.value - coalesce(b.value, 0) - coalesce(sum(s.value) OVER w, 0) AS value
  FROM days d
  JOIN created c ON c.created_day <= d.day
  LEFT JOIN spent_before b ON b.created_day = c.created_day AND b.coinbase = c.coinbase
  LEFT JOIN spent s ON s.spent_day = d.day AND s.created_day = c.created_day AND s.coinbase = c.coinbase
  WHERE d.day >= {from}
  WINDOW w AS (PARTITION BY c.created_day, c.coinbase ORDER BY d.day ROWS UNBOUNDED PRECEDING)),
u AS (
  SELECT g.*, g.day - g.created_day AS age,
    sum(g.outputs) OVER (PARTITION BY g.day) AS total,
    sum(g.outputs) OVER (PARTITION BY g.day ORDER BY g.created_day DESC, g.coinbase ROWS UNBOUNDED PRECEDING) AS younger
  FROM grid g)
SELECT u.day,
  {metrics}
FROM u
GROUP BY 1
