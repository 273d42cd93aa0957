-- id: BlkEmptyCnt
-- name: Empty blocks
-- unit: blocks
-- source: blocks
-- definition: Blocks of the day holding only their coinbase transaction.
count(*) FILTER (WHERE k.tx_count = 1)
