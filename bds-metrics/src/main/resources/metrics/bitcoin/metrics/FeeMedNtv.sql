-- id: FeeMedNtv
-- name: Median fee per transaction
-- unit: base units per transaction
-- source: transactions
-- definition: Median fee of the day's non-coinbase transactions with a known fee (the mean of the two middle fees
--   for an even count); no value on a day without such transactions.
median(t.fee) FILTER (WHERE NOT t.is_coinbase)
