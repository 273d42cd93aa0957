-- id: BlkTxCntMean
-- name: Transactions per ledger, mean
-- unit: transactions per ledger
-- source: ledgers
-- definition: The transactions the day's ledgers hold (their headers' tx_count: failed tec transactions and pseudo-
--   transactions included) divided by BlkCnt, rounded half up to 10 decimals.
{schema}.m_xrp_mean(sum(k.tx_count), count(*))
