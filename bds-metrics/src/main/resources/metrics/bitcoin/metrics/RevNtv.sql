-- id: RevNtv
-- name: Miner revenue
-- unit: base units
-- source: blocks
-- definition: What the day's blocks paid their miners: the sum of the coinbase outputs, that is the fees claimed
--   plus the new units issued.
sum(k.coinbase_value)
