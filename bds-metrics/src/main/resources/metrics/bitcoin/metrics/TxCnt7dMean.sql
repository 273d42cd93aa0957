-- id: TxCnt7dMean
-- name: Transactions, 7-day mean
-- unit: transactions per day
-- source: derived
-- basis: trailing 7 days
-- lookback: 6
-- definition: Mean of TxCnt over the day and the 6 days before it (days without blocks count as absent, not zero).
avg("TxCnt") OVER (ORDER BY day RANGE BETWEEN INTERVAL '6 DAYS' PRECEDING AND CURRENT ROW)
