-- id: FeeMeanNtv
-- name: Mean fee per transaction
-- unit: base units per transaction
-- source: derived
-- definition: FeeTotNtv divided by TxCnt; no value on a day without transactions.
"FeeTotNtv" / NULLIF("TxCnt", 0)
