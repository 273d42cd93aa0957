-- m_eth_balance_level: at the end of every day with blocks, for each level of the logarithmic balance scale
-- (m_eth_level), the number of addresses with a positive balance at that level and the sum of their balances. The
-- top-N supply sums add whole levels from the top and sort only the addresses of the level where N is reached.
-- A run rebuilds the days from {from} on: the last earlier day's levels plus what the address rows since changed.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_balance_level (
  day DATE NOT NULL,
  level SMALLINT NOT NULL,
  holders BIGINT NOT NULL,
  total HUGEINT NOT NULL);
-- refresh
DELETE FROM {schema}.m_eth_balance_level WHERE day >= {from};
INSERT INTO {schema}.m_eth_balance_level
WITH base AS (
  SELECT level, holders, total FROM {schema}.m_eth_balance_level
  WHERE day = (SELECT max(day) FROM {schema}.m_eth_balance_level WHERE day < {from})),
deltas AS (
  SELECT day, level, sum(holders) AS holders, sum(total) AS total
  FROM (
    SELECT day, level, 1 AS holders, balance AS total
    FROM {schema}.m_eth_address_day WHERE day >= {from} AND level IS NOT NULL
    UNION ALL
    SELECT day, previous_level, -1, -previous_balance
    FROM {schema}.m_eth_address_day WHERE day >= {from} AND previous_level IS NOT NULL)
  GROUP BY day, level),
days AS (
  SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}),
levels AS (
  SELECT level FROM base UNION SELECT level FROM deltas),
running AS (
  SELECT d.day, l.level,
    coalesce(b.holders, 0) + sum(coalesce(x.holders, 0)) OVER w AS holders,
    coalesce(b.total, 0) + sum(coalesce(x.total, 0)) OVER w AS total
  FROM days d CROSS JOIN levels l
    LEFT JOIN deltas x ON x.day = d.day AND x.level = l.level
    LEFT JOIN base b ON b.level = l.level
  WINDOW w AS (PARTITION BY l.level ORDER BY d.day ROWS UNBOUNDED PRECEDING))
SELECT day, level, holders, total FROM running WHERE holders <> 0;
