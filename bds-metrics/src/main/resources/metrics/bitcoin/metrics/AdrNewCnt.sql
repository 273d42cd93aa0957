-- id: AdrNewCnt
-- name: New addresses
-- unit: addresses
-- source: address_blocks
-- definition: Addresses active in the day that were never active on an earlier day (an address first appears by
--   receiving).
coalesce(sum(a.new), 0)
