-- id: TxOpRetCnt
-- name: Transactions with OP_RETURN
-- unit: transactions
-- source: outputs
-- definition: Non-coinbase transactions of the day with at least one OP_RETURN output. The coinbase's own OP_RETURN
--   outputs (such as the segregated-witness commitment) are not counted.
count(DISTINCT o.tx_id) FILTER (WHERE o.script_type = 'op_return' AND o.tx_id <> b.first_tx_id)
