-- id: AdrBalNtvCnt
-- name: Addresses by balance
-- unit: addresses
-- source: address_balances
-- basis: end of day
-- cumulative: yes
-- definition: Addresses holding at least the instance's amount of native units at the end of the day (instances
--   0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000 and 100000 ETH or ETC: 10^15 to 10^23 wei), balances as
--   in AdrBalCnt.
coalesce(sum(a.addresses * (CASE WHEN a.steps_after >= t.step THEN 1 ELSE 0 END - CASE WHEN a.steps_before >= t.step THEN 1 ELSE 0 END)), 0)
