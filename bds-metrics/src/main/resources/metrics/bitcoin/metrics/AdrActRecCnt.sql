-- id: AdrActRecCnt
-- name: Receiving addresses
-- unit: addresses
-- source: address_blocks
-- definition: Distinct addresses that received at least one output in the day's blocks, coinbase outputs included
--   (the recipients of AdrActCnt); an address paid its own change counts.
coalesce(sum(a.active_received), 0)
