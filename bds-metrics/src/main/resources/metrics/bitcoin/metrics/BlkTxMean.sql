-- id: BlkTxMean
-- name: Transactions per block, mean
-- unit: transactions per block
-- source: blocks
-- definition: Mean number of transactions per block in the day, the coinbase not counted: TxCnt divided by BlkCnt.
avg(k.tx_count - 1)
