-- id: BlkSizeMeanByte
-- name: Block size, mean
-- unit: bytes per block
-- source: blocks
-- definition: Mean serialized size of the day's blocks, witness data included: BlkSizeByte divided by BlkCnt.
avg(k.size)
