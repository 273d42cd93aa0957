-- id: AdrAct30dCnt
-- name: Active addresses, 30 days
-- unit: addresses
-- source: address_windows
-- basis: trailing 30 days
-- cumulative: yes
-- definition: Distinct addresses active (as for AdrActCnt) on the day or the 29 days before it, each counted once.
coalesce(sum(e.delta) FILTER (WHERE e.kind = 'active_30d'), 0)
