-- id: IssContNtv
-- name: Issuance, proof of work
-- unit: wei
-- source: issuance
-- definition: New wei the protocol issued to miners that day: block rewards plus uncle rewards (IssBlkNtv +
--   BlkUncRwd). Withdrawals are not included.
coalesce(sum(c.delta) FILTER (WHERE c.kind IN ('block_reward', 'uncle_reward')), 0)
