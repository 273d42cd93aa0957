-- id: GasUsedTot
-- name: Gas used by blocks, total
-- unit: gas
-- source: blocks
-- definition: Sum of the gas used by the day's blocks, as the block headers state it (it equals GasUsedTx, the
--   sum over the transactions' receipts).
sum(k.gas_used)
