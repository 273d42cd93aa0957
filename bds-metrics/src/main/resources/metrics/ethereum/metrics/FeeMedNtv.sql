-- id: FeeMedNtv
-- name: Median fee
-- unit: wei
-- source: transactions
-- definition: Median fee of the day's transactions: the middle fee, or for an even count the mean of the two
--   middle ones (which may end in .5); no value on a day without transactions.
{schema}.m_eth_mean(quantile_disc(t.fee, 0.5) - quantile_disc(-t.fee, 0.5), 2)
