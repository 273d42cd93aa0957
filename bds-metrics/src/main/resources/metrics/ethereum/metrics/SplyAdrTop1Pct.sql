-- id: SplyAdrTop1Pct
-- name: Supply held by the richest 1% of addresses
-- unit: wei
-- source: top_holders
-- basis: end of day
-- definition: Sum of the largest native balances of 1% of the addresses with a positive balance at the end of
--   the day, that count rounded up (ceil(AdrBalCnt / 100)). Exact.
max(s.supply) FILTER (WHERE s.target = 'top1pct')
