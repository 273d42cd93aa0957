-- id: BlkEmptyCnt
-- name: Empty blocks
-- unit: blocks
-- source: blocks
-- definition: Blocks of the day without any transaction (withdrawals and rewards are not transactions).
count(*) FILTER (WHERE k.transaction_count = 0)
