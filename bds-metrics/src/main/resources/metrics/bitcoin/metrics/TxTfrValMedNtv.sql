-- id: TxTfrValMedNtv
-- name: Transfer value, median
-- unit: base units
-- source: transfers
-- definition: Median value of the day's transfers (see TxTfrCnt; the mean of the two middle values for an even
--   count); no value on a day without transfers.
CASE WHEN GROUPING(t.bucket) = 1 THEN median(t.value) END
