-- id: FeeVByteMedNtv
-- name: Fee rate, median
-- unit: base units per virtual byte
-- source: transactions
-- definition: Median of the fee rates (fee divided by virtual size) of the day's non-coinbase transactions with a
--   known fee (the mean of the two middle rates for an even count).
median(CAST(t.fee AS DOUBLE) / t.vsize) FILTER (WHERE NOT t.is_coinbase)
