-- id: TxSegwitCnt
-- name: SegWit transactions
-- unit: transactions
-- source: transactions
-- definition: Non-coinbase transactions of the day that carry witness data (serialized in the BIP144 segregated-
--   witness format).
count(*) FILTER (WHERE NOT t.is_coinbase AND t.has_witness)
