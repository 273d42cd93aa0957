-- id: UTXOCnt
-- name: Unspent outputs
-- unit: outputs
-- source: supply
-- basis: end of day
-- definition: Number of unspent outputs at the end of the day under the same rules as SplyCur (gettxoutsetinfo
--   txouts), zero-value outputs other than OP_RETURN included.
sum(u.outputs)
