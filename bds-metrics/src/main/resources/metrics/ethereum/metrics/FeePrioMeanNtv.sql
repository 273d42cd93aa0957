-- id: FeePrioMeanNtv
-- name: Priority fee, mean
-- unit: wei per transaction
-- source: transactions
-- definition: FeePrioTotNtv divided by TxCnt, rounded half up to 10 decimals.
{schema}.m_eth_mean(sum(t.fee - coalesce(t.burnt_fee, 0)), count(t.block_number))
