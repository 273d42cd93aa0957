-- id: BlkSizeByte
-- name: Block size, total
-- unit: bytes
-- source: blocks
-- definition: Sum of the serialized sizes of the day's blocks, witness data included.
sum(k.size)
