-- id: TxFailCnt
-- name: Failed transactions
-- unit: transactions
-- source: transactions
-- definition: Transactions whose receipt status is 0 (reverted or out of gas): they paid their fee but changed
--   nothing else. Receipts before Byzantium have no status and are not counted.
count(*) FILTER (WHERE t.status = 0)
