-- id: DiffLast
-- name: Difficulty, last block
-- unit: hashes
-- source: blocks
-- definition: Difficulty of the day's last block (highest number); 0 once the chain is past the merge.
(array_agg(k.difficulty ORDER BY k.number DESC))[1]
