-- id: IssContPctAnn
-- name: Annual issuance rate
-- unit: percent
-- source: derived
-- definition: IssContNtv times 365 as a percentage of SplyCur: the day's proof-of-work issuance extrapolated to
--   a year.
100 * 365 * "IssContNtv" / NULLIF("SplyCur", 0)
