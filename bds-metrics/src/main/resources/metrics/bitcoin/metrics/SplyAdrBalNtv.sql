-- id: SplyAdrBalNtv
-- name: Supply by balance
-- unit: base units
-- source: address_thresholds
-- basis: end of day
-- cumulative: yes
-- definition: Units held at the end of the day by the addresses holding at least X whole coins (instances as for
--   AdrBalNtvCnt). Units in outputs without a single address are held by no address.
sum(t.added_supply)
