-- id: BlkIntMean
-- name: Block interval, mean
-- unit: seconds
-- source: blocks
-- definition: Mean over the day's blocks of the seconds between each block's timestamp and its parent's (the
--   parent may be of the day before); the first block the warehouse holds has no parent there and is
--   left out. Rounded half up to 10 decimals.
{schema}.m_eth_mean(sum(k.interval_seconds), count(k.interval_seconds))
