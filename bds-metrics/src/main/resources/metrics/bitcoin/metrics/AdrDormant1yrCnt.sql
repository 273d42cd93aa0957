-- id: AdrDormant1yrCnt
-- name: Dormant addresses
-- unit: addresses
-- source: address_windows
-- basis: end of day
-- cumulative: yes
-- definition: Addresses holding a balance above zero at the end of the day whose last activity was at least 365 UTC
--   days earlier.
coalesce(sum(e.delta) FILTER (WHERE e.kind = 'dormant_1y'), 0)
