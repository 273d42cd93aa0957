-- id: FeeMeanNtv
-- name: Mean fee
-- unit: drops per transaction
-- source: transactions
-- definition: FeeTotNtv divided by TxCnt, computed exactly and rounded half up to 10 decimals; no value on a day without
--   transactions.
{schema}.m_xrp_mean(sum(t.fee), count(t.type))
