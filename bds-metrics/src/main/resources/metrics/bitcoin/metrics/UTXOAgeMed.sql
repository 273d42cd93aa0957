-- id: UTXOAgeMed
-- name: Unspent output age, median
-- unit: days
-- source: supply
-- basis: end of day
-- definition: Median age of the unspent outputs at the end of the day (ages as for UTXOAgeMean; the mean of the two
--   middle ages for an even count).
CAST(min(u.age) FILTER (WHERE u.younger >= divide(u.total + 1, 2)) + min(u.age) FILTER (WHERE u.younger >= divide(u.total, 2) + 1) AS DOUBLE) / 2
