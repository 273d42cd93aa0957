-- id: TxSuccPct
-- name: Transaction success rate
-- unit: percent
-- source: transactions
-- definition: TxSuccCnt as a percentage of TxCnt, rounded half up to 10 decimals; no value on a day without transactions.
{schema}.m_xrp_mean(100 * count(*) FILTER (WHERE t.succeeded), count(t.type))
