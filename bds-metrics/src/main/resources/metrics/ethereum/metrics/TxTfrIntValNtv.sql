-- id: TxTfrIntValNtv
-- name: Internal native transfer value
-- unit: wei
-- source: transfers
-- definition: Sum of the wei moved by the internal transfers TxTfrIntCnt counts.
coalesce(sum(x.value) FILTER (WHERE (x.value > 0 AND x.between_distinct) AND x.internal), 0)
