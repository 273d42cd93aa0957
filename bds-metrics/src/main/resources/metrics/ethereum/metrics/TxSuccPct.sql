-- id: TxSuccPct
-- name: Transaction success rate
-- unit: percent
-- source: transactions
-- definition: Transactions with receipt status 1 as a percentage of those with a status (0 or 1), rounded half
--   up to 10 decimals; no value on a day without any transaction with a status.
{schema}.m_eth_mean(100 * count(*) FILTER (WHERE t.status = 1), count(t.status))
