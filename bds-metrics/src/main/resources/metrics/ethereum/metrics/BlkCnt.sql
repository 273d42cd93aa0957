-- id: BlkCnt
-- name: Block count
-- unit: blocks
-- source: blocks
-- definition: Blocks of the best chain whose timestamp falls in the UTC day; uncles are not counted.
count(*)
