-- id: IssBlkNtv
-- name: Block rewards
-- unit: wei
-- source: issuance
-- definition: New wei credited to the miners of the day's blocks as block rewards (proof of work: the static
--   reward plus 1/32 of it per uncle included), as balance_changes books them; 0 after the merge.
coalesce(sum(c.delta) FILTER (WHERE c.kind = 'block_reward'), 0)
