-- id: AdrActHourCnt
-- name: Active addresses by hour
-- unit: addresses
-- source: address_hours
-- definition: Distinct addresses active (as AdrActCnt) in each UTC hour of the day (instance 00 to 23), by the
--   timestamp of the blocks their activity is in; every day with blocks has all 24 rows.
coalesce(sum(a.addresses), 0)
