-- id: BlkCntByPool
-- name: Blocks by pool
-- unit: blocks
-- source: pools
-- definition: Blocks of the day attributed to each pool (instance: the pool's name; 'unknown' for blocks neither a
--   coinbase tag nor a payout address of the pool_tags reference table identifies). The instances sum to BlkCnt.
count(*)
