-- id: MemoCnt
-- name: Memos
-- unit: memos
-- source: transactions
-- definition: Memos attached to the transactions TxCnt counts, failed ones included (a transaction carries up to its size
--   limit of them).
coalesce(sum(t.memo_count), 0)
