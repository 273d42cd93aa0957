-- id: TxMultiInCnt
-- name: Multi-input transactions
-- unit: transactions
-- source: transactions
-- definition: Non-coinbase transactions of the day spending two or more outputs (the pattern the common-input-
--   ownership heuristic clusters on).
count(*) FILTER (WHERE NOT t.is_coinbase AND t.input_count >= 2)
