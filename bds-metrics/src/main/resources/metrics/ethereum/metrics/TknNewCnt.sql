-- id: TknNewCnt
-- name: New tokens
-- unit: tokens
-- source: tokens
-- definition: Token contracts whose first transfer the warehouse saw that day.
count(k.address)
