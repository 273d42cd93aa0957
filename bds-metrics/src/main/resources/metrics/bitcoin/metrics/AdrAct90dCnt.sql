-- id: AdrAct90dCnt
-- name: Active addresses, 90 days
-- unit: addresses
-- source: address_windows
-- basis: trailing 90 days
-- cumulative: yes
-- definition: Distinct addresses active (as for AdrActCnt) on the day or the 89 days before it, each counted once.
coalesce(sum(e.delta) FILTER (WHERE e.kind = 'active_90d'), 0)
