-- id: AdrActEOACnt
-- name: Active externally owned addresses
-- unit: addresses
-- source: address_days
-- definition: Active addresses (AdrActCnt) that are not contracts in the sense of AdrActContCnt: AdrActCnt -
--   AdrActContCnt.
count(*) FILTER (WHERE (a.sent OR a.received) AND NOT a.contract)
