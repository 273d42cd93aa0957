-- id: Liveliness
-- name: Liveliness
-- unit: ratio
-- source: derived
-- basis: end of day
-- definition: Coin-days destroyed since genesis divided by all coin-days created since genesis, between 0 and 1,
--   rising as old coins move (Glassnode's liveliness). Coin-days created are those destroyed plus those the unspent
--   outputs hold at the end of the day: TxTfrValDayDstCum / (TxTfrValDayDstCum + SplyCur * UTXOAgeValMean). Destroyed
--   coin-days count whole days of holding (by block times), held ones whole UTC days since the creation day.
CAST("TxTfrValDayDstCum" AS DOUBLE)
  / NULLIF(CAST("TxTfrValDayDstCum" AS DOUBLE) + CAST("SplyCur" AS DOUBLE) * CAST("UTXOAgeValMean" AS DOUBLE), 0)
