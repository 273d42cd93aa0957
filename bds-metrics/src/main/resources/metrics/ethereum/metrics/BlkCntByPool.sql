-- id: BlkCntByPool
-- name: Blocks by pool
-- unit: blocks
-- source: blocks_by_pool
-- definition: Blocks of the day per pool or builder (instance), attributed by the block's fee recipient through
--   the reference table pool_addresses (shipped with publicly known mining pool and block builder
--   addresses; a user file may add rows, which take precedence). Blocks of an unlisted fee recipient
--   count under the instance unknown. A pool with no block that day has no row.
count(*)
