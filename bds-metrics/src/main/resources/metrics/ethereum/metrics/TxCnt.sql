-- id: TxCnt
-- name: Transaction count
-- unit: transactions
-- source: transactions
-- definition: Transactions in the day's blocks, successful or failed, whether or not they moved value.
--   Withdrawals and block rewards are not transactions.
count(t.block_number)
