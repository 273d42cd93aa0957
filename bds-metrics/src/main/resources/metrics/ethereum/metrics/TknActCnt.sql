-- id: TknActCnt
-- name: Active tokens
-- unit: tokens
-- source: token_transfers
-- definition: Distinct token contracts with at least one transfer that day.
count(DISTINCT x.token_address)
