-- id: DiffMean
-- name: Difficulty, mean
-- unit: difficulty
-- source: blocks
-- definition: Mean of the difficulty of the day's blocks, as derived from each header's bits the way nodes report it
--   (a ratio to the chain's minimum target).
avg(k.difficulty)
