-- id: TxTfrValNtv
-- name: Native transfer value
-- unit: wei
-- source: transfers
-- definition: Sum of the wei moved by the transfers TxTfrCnt counts.
coalesce(sum(x.value) FILTER (WHERE (x.value > 0 AND x.between_distinct)), 0)
