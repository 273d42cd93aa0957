-- source: top_holders
-- description: for each UTC day with blocks and each target (the richest 100 addresses, the richest 1% of the
--   addresses with a positive balance, rounded up), the sum of their balances at the end of the day. The levels of
--   helper m_eth_balance_level give, from the top, the whole levels above the cut-off; only the addresses at the
--   level where the target is reached are sorted: those held at the end of the day, from the latest address rows
--   before {from} (m_eth_address_last), the rows since (m_eth_address_day, valid until their next_day) and the
--   balances the rows since replaced (valid until the first of them)
WITH levels AS (
  SELECT day, level, holders, total FROM {schema}.m_eth_balance_level WHERE day >= {from}),
targets AS (
  SELECT day, 'top100' AS target, least(100, sum(holders)) AS n FROM levels GROUP BY day
  UNION ALL
  SELECT day, 'top1pct', divide(sum(holders) + 99, 100) FROM levels GROUP BY day),
from_top AS (
  SELECT l.day, t.target, t.n, l.level, l.holders, l.total,
    sum(l.holders) OVER w AS holders_from_top, sum(l.total) OVER w AS total_from_top
  FROM levels l JOIN targets t ON t.day = l.day
  WINDOW w AS (PARTITION BY l.day, t.target ORDER BY l.level DESC ROWS UNBOUNDED PRECEDING)),
cut AS (
  SELECT day, target, level, total_from_top - total AS above, n - (holders_from_top - holders) AS needed
  FROM from_top WHERE holders_from_top >= n AND holders_from_top - holders < n),
candidates AS (
  SELECT level, balance, NULL::DATE AS valid_from, NULL::DATE AS valid_until
  FROM {schema}.m_eth_address_last
  WHERE day < {from} AND level IN (SELECT level FROM cut)
  UNION ALL
  SELECT level, balance, day, next_day
  FROM {schema}.m_eth_address_day
  WHERE day >= {from} AND level IN (SELECT level FROM cut)
  UNION ALL
  SELECT previous_level, previous_balance, NULL, day
  FROM {schema}.m_eth_address_day
  WHERE day >= {from} AND previous_day < {from} AND previous_level IN (SELECT level FROM cut)),
ranked AS (
  SELECT c.day, c.target, c.needed, k.balance,
    row_number() OVER (PARTITION BY c.day, c.target ORDER BY k.balance DESC) AS position
  FROM cut c JOIN candidates k ON k.level = c.level
    AND (k.valid_from IS NULL OR k.valid_from <= c.day) AND (k.valid_until IS NULL OR k.valid_until > c.day)),
sums AS (
  SELECT c.day, c.target, c.above + coalesce(sum(r.balance) FILTER (WHERE r.position <= c.needed), 0) AS supply
  FROM cut c LEFT JOIN ranked r ON r.day = c.day AND r.target = c.target
  GROUP BY c.day, c.target, c.above)
SELECT s.day,
  {metrics}
FROM sums s
GROUP BY 1
