-- id: InCnt
-- name: Outputs spent
-- unit: inputs
-- source: inputs
-- definition: Inputs of the day's non-coinbase transactions, that is outputs spent (including outputs unknown to the
--   warehouse).
count(i.tx_id)
