-- id: FeeRevPct
-- name: Fees as a share of revenue
-- unit: percent
-- source: derived
-- definition: FeePrioTotNtv as a percentage of RevNtv (fees the miners received, not the burnt ones); no value
--   when RevNtv is 0.
100 * "FeePrioTotNtv" / NULLIF("RevNtv", 0)
