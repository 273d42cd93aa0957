-- id: BlkWghtMean
-- name: Block weight, mean
-- unit: weight units per block
-- source: blocks
-- definition: Mean BIP141 weight of the day's blocks: BlkWghtTot divided by BlkCnt.
avg(k.weight)
