-- id: IssWdrlNtv
-- name: Withdrawals credited
-- unit: wei
-- source: issuance
-- definition: Wei credited by the day's beacon-chain withdrawals. On the execution layer these are new units;
--   they include both consensus-layer rewards and returned stakes, which this ledger cannot tell
--   apart.
coalesce(sum(c.delta) FILTER (WHERE c.kind = 'withdrawal'), 0)
