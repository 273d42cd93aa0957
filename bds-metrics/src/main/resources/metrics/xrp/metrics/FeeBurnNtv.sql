-- id: FeeBurnNtv
-- name: XRP destroyed
-- unit: drops
-- source: ledgers
-- definition: Drops destroyed in the day's ledgers, as their headers state it (fees_burnt): the fees of every transaction,
--   failed tec ones included (pseudo-transactions pay none). It equals FeeTotNtv; a difference would show a ledger
--   whose transactions were not all stored.
coalesce(sum(k.fees_burnt), 0)
