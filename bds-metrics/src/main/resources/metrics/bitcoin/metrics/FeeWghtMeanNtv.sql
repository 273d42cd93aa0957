-- id: FeeWghtMeanNtv
-- name: Fee per weight unit, mean
-- unit: base units per weight unit
-- source: transactions
-- definition: Fees of the day's non-coinbase transactions divided by their BIP141 weight, both summed over the
--   transactions with a known fee.
sum(t.fee) FILTER (WHERE NOT t.is_coinbase) / sum(t.weight) FILTER (WHERE NOT t.is_coinbase AND t.fee IS NOT NULL)
