-- id: DiffLast
-- name: Difficulty, last block
-- unit: difficulty
-- source: blocks
-- definition: Difficulty of the day's highest block.
(array_agg(k.difficulty ORDER BY k.height DESC))[1]
