-- id: TxTfrCnt
-- name: Transfers
-- unit: transfers
-- source: transfers
-- definition: Outputs of the day's non-coinbase transactions that move units to another party: worth more than zero,
--   not OP_RETURN, and not paid back to an address among the transaction's own inputs (self-change). Outputs without a
--   single address (bare multisig, non-standard) count: nothing shows they return to the spender. Coin Metrics counts
--   transfers between distinct ledger entities; here the entity is the address.
CASE WHEN GROUPING(t.bucket) = 1 THEN count(t.value) END
