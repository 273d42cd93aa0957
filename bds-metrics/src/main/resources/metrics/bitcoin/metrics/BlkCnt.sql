-- id: BlkCnt
-- name: Block count
-- unit: blocks
-- source: blocks
-- definition: Blocks of the best chain whose header time falls in the UTC day. Orphaned (reorganised away) blocks
--   are not counted.
count(*)
