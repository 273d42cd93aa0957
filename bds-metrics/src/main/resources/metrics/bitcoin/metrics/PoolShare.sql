-- id: PoolShare
-- name: Pool share of blocks
-- unit: ratio
-- source: pools
-- definition: Share of the day's blocks attributed to each pool (instance: the pool's name, or 'unknown'):
--   BlkCntByPool divided by BlkCnt, between 0 and 1; the instances sum to 1.
count(*) / sum(count(*)) OVER (PARTITION BY p.day)
