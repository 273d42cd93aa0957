-- source: token_activity
-- instanced: yes
-- description: the token transfers of each token contract (instance: its address) on each UTC day it had any; amounts
--   of up to 28 digits as exact HUGEINT (digits counts the longest), with the day's holder rows of the token (helper
--   m_eth_token_holder_day) and the first day the token had an amount too large to add (m_eth_token_oversized)
SELECT x.day, x.token_address AS instance,
  {metrics}
FROM (
  SELECT b.day, t.token_address, count(*) AS transfers,
    sum(CASE WHEN length(t.value_digits) <= 28 THEN CAST(t.value_digits AS HUGEINT) END) AS volume,
    max(length(t.value_digits)) AS digits
  FROM {schema}.token_transfers t JOIN {schema}.metrics_blocks b ON b.height = t.block_number
  WHERE t.block_number >= {from_height} AND b.height >= {from_height} AND b.day >= {from}
  GROUP BY 1, 2) x
LEFT JOIN (
  SELECT h.day, i.address AS token_address, h.active, h.new_holders, h.holder_change, o.day AS oversized_day
  FROM (
    SELECT day, token, count(*) AS active, count(*) FILTER (WHERE first_day = day) AS new_holders,
      sum(CASE WHEN balance > 0 THEN 1 ELSE 0 END - CASE WHEN previous_balance > 0 THEN 1 ELSE 0 END) AS holder_change
    FROM {schema}.m_eth_token_holder_day WHERE day >= {from}
    GROUP BY 1, 2) h
  JOIN {schema}.m_eth_token_address i ON i.id = h.token
  LEFT JOIN {schema}.m_eth_token_oversized o ON o.token = h.token) h ON h.day = x.day AND h.token_address = x.token_address
GROUP BY 1, 2
