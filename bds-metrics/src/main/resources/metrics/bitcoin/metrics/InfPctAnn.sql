-- id: InfPctAnn
-- name: Inflation, 1 year
-- unit: percent
-- source: derived
-- basis: trailing 365 days
-- lookback: 396
-- definition: Percent change of the supply over a year: SplyCur divided by SplyCur at the end of the day 365 days
--   earlier, minus 1, times 100. The supply at the end of a day without blocks is that of the last day with blocks
--   before it (within 31 days; no value otherwise, as in the chain's first year).
100 * ("SplyCur" / NULLIF(last_value("SplyCur") OVER (ORDER BY day RANGE BETWEEN INTERVAL '396 DAYS' PRECEDING AND INTERVAL '365 DAYS' PRECEDING), 0) - 1)
