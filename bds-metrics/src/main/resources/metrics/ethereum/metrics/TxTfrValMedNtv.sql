-- id: TxTfrValMedNtv
-- name: Native transfer value, median
-- unit: wei
-- source: transfers
-- definition: Median value of the transfers TxTfrCnt counts; the mean of the two middle values for an even
--   count.
{schema}.m_eth_mean(quantile_disc(x.value, 0.5) FILTER (WHERE (x.value > 0 AND x.between_distinct)) - quantile_disc(-x.value, 0.5) FILTER (WHERE (x.value > 0 AND x.between_distinct)), 2)
