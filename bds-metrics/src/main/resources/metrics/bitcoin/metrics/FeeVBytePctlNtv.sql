-- id: FeeVBytePctlNtv
-- name: Fee rate percentiles
-- unit: base units per virtual byte
-- source: fee_rates
-- definition: Percentiles of the fee rates (fee divided by virtual size) of the day's non-coinbase transactions with
--   a known fee: instances p10, p25, p50, p75 and p90, each interpolated linearly between the two nearest ranks (for n
--   rates sorted ascending, percentile q sits at position q(n-1), counting from 0).
min(q.rates[p.position])
