-- id: OutCnt
-- name: Outputs created
-- unit: outputs
-- source: outputs
-- definition: Outputs created in the day's blocks, coinbase and OP_RETURN outputs included; the sum of the
--   Out<type>Cnt metrics.
count(*)
