-- id: TxMemoCnt
-- name: Transactions with memos
-- unit: transactions
-- source: transactions
-- definition: Transactions counted by TxCnt that carry at least one memo.
count(*) FILTER (WHERE t.memo_count > 0)
