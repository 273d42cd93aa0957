-- id: TxTfrValNtv
-- name: Transfer value
-- unit: base units
-- source: transfers
-- definition: Sum of the values of the day's transfers (see TxTfrCnt): units moved between distinct addresses,
--   change paid back to an input's address excluded. Change sent to a fresh address of the same wallet cannot be told
--   apart and counts (TxTfrValAdjNtv removes more of it).
CASE WHEN GROUPING(t.bucket) = 1 THEN coalesce(sum(t.value), 0) END
