-- id: SplyAdrTop100
-- name: Supply held by the richest 100 addresses
-- unit: wei
-- source: top_holders
-- basis: end of day
-- definition: Sum of the 100 largest native balances at the end of the day (balances as in AdrBalCnt; all of
--   them when fewer addresses hold any). Exact: no balance is rounded.
max(s.supply) FILTER (WHERE s.target = 'top100')
