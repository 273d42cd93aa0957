-- id: FeeMedNtv
-- name: Median fee
-- unit: drops
-- source: transactions
-- definition: Median fee of the transactions TxCnt counts: the middle fee, or for an even count the mean of the two middle
--   ones (which may end in .5); no value on a day without transactions.
{schema}.m_xrp_mean(quantile_disc(t.fee, 0.5) - quantile_disc(-t.fee, 0.5), 2)
