-- id: AdrActByHour
-- name: Active addresses by hour
-- unit: addresses
-- source: address_hours
-- definition: Distinct addresses active in the blocks whose header time falls in each UTC hour of the day (instance
--   00 to 23); an address active in several hours counts in each. Hours without a block have no row.
sum(a.hour_active)
