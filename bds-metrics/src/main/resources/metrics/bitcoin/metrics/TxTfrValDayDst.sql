-- id: TxTfrValDayDst
-- name: Coin-days destroyed
-- unit: base-unit days
-- source: inputs
-- definition: Sum over the outputs spent in the day of value times the whole days it was held, from the header time
--   of the block that created it to the header time of the spending block (2.5 days count 2; a negative span 0).
--   Outputs unknown to the warehouse are left out.
coalesce(sum(i.value * i.held_days), 0)
