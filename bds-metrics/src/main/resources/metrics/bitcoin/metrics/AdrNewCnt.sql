-- id: AdrNewCnt
-- name: New addresses
-- unit: addresses
-- source: address_days
-- definition: Addresses active in the day that were never active on an earlier day.
count(*) FILTER (WHERE a.first_day = a.day)
