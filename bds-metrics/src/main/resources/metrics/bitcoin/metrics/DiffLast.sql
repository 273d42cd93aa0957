-- id: DiffLast
-- name: Difficulty, last block
-- unit: difficulty
-- source: blocks
-- definition: Difficulty of the day's highest block.
arg_max(k.difficulty, k.height)
