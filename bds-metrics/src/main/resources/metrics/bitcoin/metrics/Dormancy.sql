-- id: Dormancy
-- name: Dormancy
-- unit: days
-- source: inputs
-- definition: Average whole days the units spent in the day had been held: TxTfrValDayDst divided by the value of
--   the outputs spent (inputs of known value). Glassnode divides coin-days destroyed by the transfer volume instead;
--   dividing by the spent value makes this an exact value-weighted mean of the holding times. No value on a day
--   without spends.
sum(i.value * i.held_days) / nullif(sum(i.value) FILTER (WHERE i.held_days IS NOT NULL), 0)
