-- id: BlkSizeByte
-- name: Block size, total
-- unit: bytes
-- source: blocks
-- definition: Sum of the sizes (RLP-encoded bytes, as the node reports them) of the day's blocks.
sum(k.size)
