-- id: BlkEmptyCnt
-- name: Empty ledgers
-- unit: ledgers
-- source: ledgers
-- definition: Ledgers of the day holding no transaction at all (neither a transaction of an account nor a pseudo-transaction).
count(*) FILTER (WHERE k.tx_count = 0)
