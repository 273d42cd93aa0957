-- id: GasUsedTx
-- name: Gas used by transactions
-- unit: gas
-- source: transactions
-- definition: Sum of the gas used by the day's transactions, from their receipts, failed ones included.
coalesce(sum(t.gas_used), 0)
