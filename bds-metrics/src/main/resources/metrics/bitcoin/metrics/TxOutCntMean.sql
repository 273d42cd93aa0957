-- id: TxOutCntMean
-- name: Outputs per transaction, mean
-- unit: outputs per transaction
-- source: transactions
-- definition: Mean number of outputs of the day's non-coinbase transactions, OP_RETURN outputs included.
avg(t.output_count) FILTER (WHERE NOT t.is_coinbase)
