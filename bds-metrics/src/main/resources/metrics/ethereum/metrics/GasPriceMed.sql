-- id: GasPriceMed
-- name: Gas price, median
-- unit: wei per gas
-- source: transactions
-- definition: Median effective gas price of the day's transactions; the mean of the two middle values for an
--   even count.
{schema}.m_eth_mean(quantile_disc(t.price, 0.5) - quantile_disc(-t.price, 0.5), 2)
