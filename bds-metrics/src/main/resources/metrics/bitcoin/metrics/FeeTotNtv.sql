-- id: FeeTotNtv
-- name: Total fees
-- unit: base units
-- source: transactions
-- definition: Sum of the fees (inputs minus outputs) of the day's non-coinbase transactions. Transactions whose
--   spent outputs are unknown to the warehouse have no fee and are left out.
coalesce(sum(t.fee) FILTER (WHERE NOT t.is_coinbase), 0)
