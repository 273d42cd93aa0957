-- id: AdrActSentCnt
-- name: Sending addresses
-- unit: addresses
-- source: address_blocks
-- definition: Distinct addresses that spent at least one output in the day's blocks (the originators of AdrActCnt).
coalesce(sum(a.active_sent), 0)
