-- id: SplyRvv180d
-- name: Revived supply, 180 days
-- unit: base units
-- source: inputs
-- definition: Units spent in the day that had been held for at least 180 whole days (by block header times, as for
--   TxTfrValDayDst): the value of those spent outputs. Coinbase outputs count from their creation.
coalesce(sum(i.value) FILTER (WHERE i.held_days >= 180), 0)
