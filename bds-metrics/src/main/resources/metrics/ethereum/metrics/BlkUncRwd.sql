-- id: BlkUncRwd
-- name: Uncle rewards
-- unit: wei
-- source: issuance
-- definition: New wei credited to the miners of the uncles included by the day's blocks, as balance_changes
--   books them.
coalesce(sum(c.delta) FILTER (WHERE c.kind = 'uncle_reward'), 0)
