-- id: FeePctlNtv
-- name: Fee percentiles
-- unit: wei
-- source: fee_percentiles
-- definition: Fee paid at the 10th, 25th, 50th, 75th and 90th percentile of the day's transactions (instances
--   p10 to p90), by the nearest-rank method: the fee of the ceil(p * n)-th cheapest of the day's n
--   transactions. p50 is the lower middle fee, unlike FeeMedNtv, which averages the two middle ones.
max(q.fee)
