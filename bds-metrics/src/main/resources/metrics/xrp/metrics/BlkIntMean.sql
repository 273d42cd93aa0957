-- id: BlkIntMean
-- name: Ledger close interval, mean
-- unit: seconds
-- source: ledgers
-- definition: Mean over the day's ledgers of the seconds between each ledger's close time and the previous ledger's (which may
--   close on the day before); the first ledger the warehouse holds has no previous one there and is left out. Close
--   times are rounded by the network to their close_time_resolution. Rounded half up to 10 decimals.
{schema}.m_xrp_mean(sum(k.interval_seconds), count(k.interval_seconds))
