-- id: TxTfrValByVal
-- name: Transfer value by value bucket
-- unit: base units
-- source: transfers
-- definition: Sum of the values of the day's transfers in each value bucket (instances as for TxTfrCntByVal).
CASE WHEN GROUPING(t.bucket) = 0 AND t.bucket IS NOT NULL THEN sum(t.value) END
