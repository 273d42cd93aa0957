-- id: UTXOAgeValMean
-- name: Unspent output age, value-weighted mean
-- unit: days
-- source: supply
-- basis: end of day
-- definition: Mean age of the units held by unspent outputs at the end of the day, each output weighted by its value
--   (ages as for UTXOAgeMean).
sum(u.value * u.age) / nullif(sum(u.value), 0)
