-- id: BlkTxCntMean
-- name: Transactions per block, mean
-- unit: transactions per block
-- source: blocks
-- definition: Transactions of the day's blocks divided by BlkCnt, rounded half up to 10 decimals.
{schema}.m_eth_mean(sum(k.transaction_count), count(*))
