-- id: BlkUncCnt
-- name: Uncles included
-- unit: uncles
-- source: blocks
-- definition: Uncles (ommers) included by the day's blocks; an uncle counts on the day of the block that
--   includes it.
sum(k.uncle_count)
