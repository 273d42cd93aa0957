-- id: BlkSizeMeanByte
-- name: Block size, mean
-- unit: bytes per block
-- source: blocks
-- definition: BlkSizeByte divided by BlkCnt, rounded half up to 10 decimals.
{schema}.m_eth_mean(sum(k.size), count(*))
