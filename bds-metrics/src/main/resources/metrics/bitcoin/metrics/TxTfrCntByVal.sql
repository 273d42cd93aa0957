-- id: TxTfrCntByVal
-- name: Transfers by value
-- unit: transfers
-- source: transfers
-- definition: Transfers of the day (see TxTfrCnt) by value bucket, in whole coins of 10^8 base units (instances
--   <0.001, 0.001-0.01, 0.01-0.1, 0.1-1, 1-10, 10-100, 100-1K, 1K-10K, >=10K; each bucket includes its lower bound).
--   Buckets without a transfer that day have no row.
CASE WHEN GROUPING(t.bucket) = 0 AND t.bucket IS NOT NULL THEN count(t.value) END
