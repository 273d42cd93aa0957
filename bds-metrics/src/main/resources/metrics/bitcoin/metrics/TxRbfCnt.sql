-- id: TxRbfCnt
-- name: Replaceable transactions
-- unit: transactions
-- source: inputs
-- definition: Non-coinbase transactions of the day signalling replace-by-fee (BIP125): at least one input with a
--   sequence number below 0xfffffffe.
count(DISTINCT i.tx_id) FILTER (WHERE i.sequence < 4294967294)
