-- id: IssContPctAnn
-- name: Issuance rate, annualized
-- unit: percent
-- source: derived
-- definition: The day's issuance extrapolated to a year, as a share of the supply: IssTotNtv times 365 divided by
--   SplyCur, times 100. All new units of these chains come from the block subsidy, so IssTotNtv is the continuous
--   issuance.
100 * 365 * "IssTotNtv" / NULLIF("SplyCur", 0)
