-- id: TxTfrValMeanNtv
-- name: Transfer value, mean
-- unit: base units
-- source: derived
-- definition: Mean value of the day's transfers: TxTfrValNtv divided by TxTfrCnt; no value on a day without
--   transfers.
"TxTfrValNtv" / NULLIF("TxTfrCnt", 0)
