-- id: SplyCur
-- name: Current supply
-- unit: drops
-- source: ledgers
-- basis: end of day
-- definition: Total coins at the end of the day: the total_coins of the day's last ledger, the drops in existence as the
--   ledger states it (balances of all accounts plus XRP held by escrows and payment channels). It falls by every fee
--   burnt; no XRP is ever issued after the genesis ledger.
(array_agg(k.total_coins ORDER BY k.ledger_index DESC))[1]
