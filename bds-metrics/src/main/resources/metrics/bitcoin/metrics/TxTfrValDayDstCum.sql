-- id: TxTfrValDayDstCum
-- name: Coin-days destroyed, cumulative
-- unit: base-unit days
-- source: derived
-- basis: end of day
-- cumulative: yes
-- definition: Coin-days destroyed since genesis up to the end of the day: the running total of TxTfrValDayDst.
"TxTfrValDayDst"
