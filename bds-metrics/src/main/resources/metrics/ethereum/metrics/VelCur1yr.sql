-- id: VelCur1yr
-- name: Velocity, one year
-- unit: ratio
-- source: derived
-- basis: trailing 365 days
-- lookback: 364
-- definition: Native transfer value of the day and the 364 days before it (sum of TxTfrValNtv over the days
--   with blocks) divided by the day's SplyCur.
sum(CAST("TxTfrValNtv" AS DOUBLE)) OVER (ORDER BY day RANGE BETWEEN INTERVAL '364 DAYS' PRECEDING AND CURRENT ROW) / NULLIF(CAST("SplyCur" AS DOUBLE), 0)
