-- id: AdrAct7dCnt
-- name: Active addresses, 7 days
-- unit: addresses
-- source: address_windows
-- basis: trailing 7 days
-- definition: Distinct addresses active (as AdrActCnt) on the day or any of the 6 days before it; each counts
--   once.
coalesce(sum(x.change) FILTER (WHERE x.kind = 'w7'), 0)
