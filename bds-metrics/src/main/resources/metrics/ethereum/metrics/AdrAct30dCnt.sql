-- id: AdrAct30dCnt
-- name: Active addresses, 30 days
-- unit: addresses
-- source: address_windows
-- basis: trailing 30 days
-- definition: Distinct addresses active (as AdrActCnt) on the day or any of the 29 days before it; each counts
--   once.
coalesce(sum(x.change) FILTER (WHERE x.kind = 'w30'), 0)
