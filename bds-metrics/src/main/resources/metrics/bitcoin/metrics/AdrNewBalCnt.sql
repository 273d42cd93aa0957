-- id: AdrNewBalCnt
-- name: New funded addresses
-- unit: addresses
-- source: address_blocks
-- definition: Addresses first seen in the day that hold a balance above zero at the end of the day.
coalesce(sum(a.new_funded), 0)
