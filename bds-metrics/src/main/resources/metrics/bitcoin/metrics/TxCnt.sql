-- id: TxCnt
-- name: Transaction count
-- unit: transactions
-- source: transactions
-- definition: Transactions in the day's blocks, whether or not they moved value; the coinbase transactions, which
--   are the protocol's issuance, are excluded.
count(*) FILTER (WHERE NOT t.is_coinbase)
