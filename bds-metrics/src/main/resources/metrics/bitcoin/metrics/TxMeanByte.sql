-- id: TxMeanByte
-- name: Transaction size, mean
-- unit: bytes per transaction
-- source: transactions
-- definition: Mean serialized size of the day's non-coinbase transactions, witness data included.
avg(t.size) FILTER (WHERE NOT t.is_coinbase)
