-- id: UTXOAgeMean
-- name: Unspent output age, mean
-- unit: days
-- source: supply
-- basis: end of day
-- definition: Mean age of the unspent outputs at the end of the day (those of UTXOCnt), the age being the number of
--   UTC days from the day the output was created to this day (the whole days it has existed at the end of the day,
--   except that an output created at exactly 00:00:00 has existed a day longer).
sum(u.outputs * u.age) / nullif(sum(u.outputs), 0)
