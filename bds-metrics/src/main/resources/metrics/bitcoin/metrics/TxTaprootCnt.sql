-- id: TxTaprootCnt
-- name: Taproot spends
-- unit: transactions
-- source: inputs
-- definition: Non-coinbase transactions of the day spending at least one pay-to-taproot (P2TR) output, key path or
--   script path.
count(DISTINCT i.tx_id) FILTER (WHERE i.script_type = 'p2tr')
