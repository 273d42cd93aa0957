-- id: AdrActContCnt
-- name: Active contracts
-- unit: addresses
-- source: address_days
-- definition: Active addresses (AdrActCnt) that are contracts the warehouse saw created (table contracts) on or
--   before that day. Contracts created before the synced range are not recognised and count as
--   AdrActEOACnt.
count(*) FILTER (WHERE (a.sent OR a.received) AND a.contract)
