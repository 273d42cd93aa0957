-- id: AdrBalNtvCnt
-- name: Addresses by balance
-- unit: addresses
-- source: address_thresholds
-- basis: end of day
-- cumulative: yes
-- definition: Addresses holding at least X whole coins (10^8 base units each) at the end of the day, for X = 0.001,
--   0.01, 0.1, 1, 10, 100, 1K, 10K and 100K (instances); tokens and other assets are not counted.
sum(t.added_addresses)
