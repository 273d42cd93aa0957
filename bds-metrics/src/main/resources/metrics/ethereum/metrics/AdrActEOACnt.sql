-- id: AdrActEOACnt
-- name: Active externally owned addresses
-- unit: addresses
-- source: address_days
-- definition: Active addresses (AdrActCnt) that are not contracts in the sense of AdrActContCnt: AdrActCnt -
--   AdrActContCnt.
count(*) FILTER (WHERE (a.sent OR a.received) AND a.address <> '0x0000000000000000000000000000000000000000' AND (k.day IS NULL OR k.day > a.day))
