-- id: BlkWghtTot
-- name: Block weight, total
-- unit: weight units
-- source: blocks
-- definition: Sum of the BIP141 weights (stripped size times 3 plus total size) of the day's blocks; on chains
--   without segregated witness every block weighs four times its size.
sum(k.weight)
