-- id: PoolShare
-- name: Share of blocks by pool
-- unit: ratio
-- source: blocks_by_pool
-- definition: BlkCntByPool of the pool (instance) divided by the day's BlkCnt, as a fraction from 0 to 1
--   rounded half up to 10 decimals.
{schema}.m_eth_mean(count(*), sum(count(*)) OVER (PARTITION BY k.day))
