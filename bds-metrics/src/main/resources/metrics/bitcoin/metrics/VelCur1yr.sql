-- id: VelCur1yr
-- name: Velocity, 1 year
-- unit: ratio
-- source: derived
-- basis: trailing 365 days
-- lookback: 364
-- definition: Transfer value of the last 365 days (TxTfrValNtv summed over the day and the 364 days before it)
--   divided by the current supply SplyCur: how many times the supply changed hands in a year.
sum("TxTfrValNtv") OVER (ORDER BY day RANGE BETWEEN INTERVAL '364 DAYS' PRECEDING AND CURRENT ROW) / NULLIF("SplyCur", 0)
