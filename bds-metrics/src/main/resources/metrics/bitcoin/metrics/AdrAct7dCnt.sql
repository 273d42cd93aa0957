-- id: AdrAct7dCnt
-- name: Active addresses, 7 days
-- unit: addresses
-- source: address_windows
-- basis: trailing 7 days
-- cumulative: yes
-- definition: Distinct addresses active (as for AdrActCnt) on the day or the 6 days before it, each counted once.
coalesce(sum(e.delta) FILTER (WHERE e.kind = 'active_7d'), 0)
