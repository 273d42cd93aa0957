-- id: FeeZeroCnt
-- name: Zero-fee transactions
-- unit: transactions
-- source: transactions
-- definition: Non-coinbase transactions of the day paying no fee at all (outputs equal to inputs).
count(*) FILTER (WHERE NOT t.is_coinbase AND t.fee = 0)
