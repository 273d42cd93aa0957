-- id: BlkEmptyCntByPool
-- name: Empty blocks by pool
-- unit: blocks
-- source: pools
-- definition: Blocks of the day holding only their coinbase transaction, per attributed pool (instance: the pool's
--   name, or 'unknown'). Pools that mined no empty block that day have the value 0.
count(*) FILTER (WHERE p.empty)
