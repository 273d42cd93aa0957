-- id: InfPctAnn
-- name: Supply growth over a year
-- unit: percent
-- source: derived
-- lookback: 372
-- definition: Percentage change of SplyCur from one year before: SplyCur of the day against SplyCur of the
--   latest day with blocks 365 to 372 days earlier; no value without such a day.
100 * ("SplyCur" / NULLIF(last_value("SplyCur") OVER (ORDER BY day RANGE BETWEEN INTERVAL '372 DAYS' PRECEDING AND INTERVAL '365 DAYS' PRECEDING), 0) - 1)
