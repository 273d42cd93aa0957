-- id: FeeVByteMeanNtv
-- name: Fee rate, mean
-- unit: base units per virtual byte
-- source: transactions
-- definition: Mean of the fee rates (fee divided by virtual size) of the day's non-coinbase transactions with a
--   known fee, each transaction weighing the same (unlike FeeByteMeanNtv, a ratio of sums).
avg(CAST(t.fee AS DOUBLE) / t.vsize) FILTER (WHERE NOT t.is_coinbase)
