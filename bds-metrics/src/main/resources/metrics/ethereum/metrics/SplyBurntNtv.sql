-- id: SplyBurntNtv
-- name: Burnt supply
-- unit: wei
-- source: blocks
-- basis: end of day
-- cumulative: yes
-- definition: Wei destroyed by fee burning up to the end of the day: the running total of FeeBurnNtv over all
--   days the warehouse holds.
coalesce(sum(k.burnt_fees), 0)
