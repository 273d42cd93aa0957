-- id: InfPct
-- name: Inflation, 1 day
-- unit: percent
-- source: derived
-- lookback: 31
-- definition: Percent change of the supply over the day: SplyCur divided by SplyCur at the end of the day before,
--   minus 1, times 100. The supply at the end of a day without blocks is that of the last day with blocks before it
--   (within 31 days; no value otherwise).
100 * ("SplyCur" / NULLIF(last_value("SplyCur") OVER (ORDER BY day RANGE BETWEEN INTERVAL '31 DAYS' PRECEDING AND INTERVAL '1 DAY' PRECEDING), 0) - 1)
