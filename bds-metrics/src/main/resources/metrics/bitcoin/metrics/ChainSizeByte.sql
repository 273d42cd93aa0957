-- id: ChainSizeByte
-- name: Chain size
-- unit: bytes
-- source: blocks
-- basis: end of day
-- cumulative: yes
-- definition: Serialized size of every block of the best chain from genesis to the end of the day, witness data
--   included: the running total of BlkSizeByte.
sum(k.size)
