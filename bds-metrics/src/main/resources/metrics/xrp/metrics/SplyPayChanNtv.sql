-- id: SplyPayChanNtv
-- name: XRP in payment channels
-- unit: drops
-- source: holdings
-- basis: end of day
-- cumulative: yes
-- definition: Unclaimed XRP held in payment channels at the end of the day, as far as the warehouse's ledgers show it: the
--   running total of PayChanFundNtv less PayChanRelNtv from the first ledger the warehouse holds (the change since
--   then when channels existed before it; it may be negative).
coalesce(sum(c.drops) FILTER (WHERE c.kind = 'paychan'), 0)
