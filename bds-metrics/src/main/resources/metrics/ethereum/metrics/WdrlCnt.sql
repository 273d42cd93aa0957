-- id: WdrlCnt
-- name: Withdrawals
-- unit: withdrawals
-- source: blocks
-- definition: Beacon-chain withdrawals (EIP-4895) credited by the day's blocks, zero-amount ones included; 0
--   before Shanghai.
coalesce(sum(k.withdrawal_count), 0)
