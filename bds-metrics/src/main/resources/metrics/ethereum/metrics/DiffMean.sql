-- id: DiffMean
-- name: Difficulty, mean
-- unit: hashes
-- source: blocks
-- definition: Mean proof-of-work difficulty of the day's blocks, computed exactly from the integer difficulties
--   and rounded half up to 10 decimals. Blocks after the merge have difficulty 0 and count as such.
{schema}.m_eth_mean(sum(k.difficulty), count(*))
