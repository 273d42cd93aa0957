-- id: TxOutValNtv
-- name: Output value
-- unit: base units
-- source: transactions
-- definition: Sum of all outputs of the day's non-coinbase transactions, change included: the raw volume, before the
--   transfer rules of TxTfrValNtv and the adjustments of TxTfrValAdjNtv.
coalesce(sum(t.output_value) FILTER (WHERE NOT t.is_coinbase), 0)
