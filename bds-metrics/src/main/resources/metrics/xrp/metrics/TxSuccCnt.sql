-- id: TxSuccCnt
-- name: Successful transactions
-- unit: transactions
-- source: transactions
-- definition: Transactions counted by TxCnt with result tesSUCCESS: they did what they asked.
count(*) FILTER (WHERE t.succeeded)
