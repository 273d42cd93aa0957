-- id: SplyActEver
-- name: Supply ever moved
-- unit: base units
-- source: supply
-- basis: end of day
-- definition: Units of SplyCur that have moved at least once since they were issued: the value of the unspent
--   outputs created by non-coinbase transactions.
coalesce(sum(u.value) FILTER (WHERE NOT u.coinbase), 0)
