-- id: TxTfrIntCnt
-- name: Internal native transfers
-- unit: transfers
-- source: transfers
-- definition: The transfers TxTfrCnt counts that were made by a contract (frames below the top-level call).
count(*) FILTER (WHERE (x.value > 0 AND x.between_distinct) AND x.internal)
