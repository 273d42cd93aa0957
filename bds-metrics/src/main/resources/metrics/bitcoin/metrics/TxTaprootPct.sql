-- id: TxTaprootPct
-- name: Taproot share
-- unit: percent
-- source: derived
-- definition: Share of the day's non-coinbase transactions that spend a pay-to-taproot output: TxTaprootCnt divided
--   by TxCnt, times 100.
100 * "TxTaprootCnt" / NULLIF("TxCnt", 0)
