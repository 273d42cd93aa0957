-- id: FeePrioMedNtv
-- name: Priority fee, median
-- unit: wei
-- source: transactions
-- definition: Median over the day's transactions of the part of the fee that was not burnt (see FeePrioTotNtv);
--   the mean of the two middle values for an even count.
{schema}.m_eth_mean(quantile_disc(t.fee - coalesce(t.burnt_fee, 0), 0.5) - quantile_disc(coalesce(t.burnt_fee, 0) - t.fee, 0.5), 2)
