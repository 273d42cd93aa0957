-- id: TxInCntMean
-- name: Inputs per transaction, mean
-- unit: inputs per transaction
-- source: transactions
-- definition: Mean number of inputs of the day's non-coinbase transactions.
avg(t.input_count) FILTER (WHERE NOT t.is_coinbase)
