-- id: SplyEscrowNtv
-- name: XRP in escrow
-- unit: drops
-- source: holdings
-- basis: end of day
-- cumulative: yes
-- definition: XRP held in escrows at the end of the day, as far as the warehouse's ledgers show it: the running total of
--   EscrowNetNtv from the first ledger the warehouse holds. It equals the ledger's escrowed XRP when that ledger
--   held no escrow (a sync from genesis); otherwise it is the change since then and may be negative.
coalesce(sum(c.drops) FILTER (WHERE c.kind = 'escrow'), 0)
