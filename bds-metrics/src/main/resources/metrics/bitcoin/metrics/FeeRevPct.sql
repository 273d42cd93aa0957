-- id: FeeRevPct
-- name: Fees in miner revenue
-- unit: percent
-- source: derived
-- definition: Share of the day's miner revenue that came from fees: FeeTotNtv divided by RevNtv, times 100.
100 * "FeeTotNtv" / NULLIF("RevNtv", 0)
