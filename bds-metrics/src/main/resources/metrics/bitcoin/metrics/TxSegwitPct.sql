-- id: TxSegwitPct
-- name: SegWit share
-- unit: percent
-- source: derived
-- definition: Share of the day's non-coinbase transactions that carry witness data: TxSegwitCnt divided by TxCnt,
--   times 100.
100 * "TxSegwitCnt" / NULLIF("TxCnt", 0)
