-- id: IssTotNtv
-- name: Issuance, total
-- unit: wei
-- source: issuance
-- definition: All new wei that appeared on the execution-layer ledger that day: block rewards, uncle rewards
--   and withdrawals (IssBlkNtv + BlkUncRwd + IssWdrlNtv). Opening balances of addresses first seen
--   are not issuance.
coalesce(sum(c.delta), 0)
