-- id: AdrNewCnt
-- name: New addresses
-- unit: addresses
-- source: address_days
-- definition: Active addresses (AdrActCnt) never active before that day in the blocks the warehouse holds.
count(*) FILTER (WHERE (a.sent OR a.received) AND a.first_day = a.day)
