-- id: TxTfrValMeanNtv
-- name: Native transfer value, mean
-- unit: wei per transfer
-- source: transfers
-- definition: TxTfrValNtv divided by TxTfrCnt, rounded half up to 10 decimals; no value on a day without
--   transfers.
{schema}.m_eth_mean(sum(x.value) FILTER (WHERE (x.value > 0 AND x.between_distinct)), count(*) FILTER (WHERE (x.value > 0 AND x.between_distinct)))
