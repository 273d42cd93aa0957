-- id: BlkCnt
-- name: Ledgers closed
-- unit: ledgers
-- source: ledgers
-- definition: Validated ledgers whose close time falls in the UTC day (a ledger is the XRP Ledger's block).
count(*)
