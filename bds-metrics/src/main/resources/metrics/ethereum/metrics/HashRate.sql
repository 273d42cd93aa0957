-- id: HashRate
-- name: Hash rate
-- unit: terahashes per second
-- source: derived
-- definition: Estimated mean hash rate, as Coin Metrics computes it for ETH and ETC: DiffMean divided by
--   BlkIntMean, divided by 10^12. No value when BlkIntMean is 0 or missing; 0 after the merge.
"DiffMean" / NULLIF("BlkIntMean", 0) / 1000000000000
