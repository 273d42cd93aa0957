-- id: FeeMaxNtv
-- name: Largest fee
-- unit: base units
-- source: transactions
-- definition: Largest fee paid by one of the day's non-coinbase transactions.
max(t.fee) FILTER (WHERE NOT t.is_coinbase)
