-- id: FeeByteMeanNtv
-- name: Fee per byte, mean
-- unit: base units per byte
-- source: transactions
-- definition: Fees of the day's non-coinbase transactions divided by their serialized size in bytes (witness
--   included), both summed over the transactions with a known fee: the day's fee per byte of block space used by
--   transactions.
sum(t.fee) FILTER (WHERE NOT t.is_coinbase) / sum(t.size) FILTER (WHERE NOT t.is_coinbase AND t.fee IS NOT NULL)
