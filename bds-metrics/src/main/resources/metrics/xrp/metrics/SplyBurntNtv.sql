-- id: SplyBurntNtv
-- name: XRP destroyed since genesis
-- unit: drops
-- source: ledgers
-- basis: end of day
-- definition: The 100,000,000,000 XRP (10^17 drops) the genesis ledger created less SplyCur: every drop burnt as a fee since
--   the ledger began, whether or not the warehouse holds the ledgers that burnt it.
100000000000000000 - (array_agg(k.total_coins ORDER BY k.ledger_index DESC))[1]
