-- id: SplyAdrTop1Pct
-- name: Supply held by the richest 1%
-- unit: base units
-- source: address_top
-- basis: end of day
-- keep: 1 day
-- definition: Units held by the richest 1% of the funded addresses (1% of the addresses with a balance above zero,
--   rounded up) after the chain's last block; ties at the cut share the same balance, so which address is taken does
--   not matter. Kept for the chain's last day only, like SplyAdrTop100.
sum(ranked.balance) FILTER (WHERE ranked.rank <= n.top_count)
