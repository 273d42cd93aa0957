-- id: BlkMinerCnt
-- name: Distinct fee recipients
-- unit: addresses
-- source: blocks
-- definition: Distinct fee recipients (the miner, or after the merge the address the proposer named) of the
--   day's blocks.
count(DISTINCT k.miner)
