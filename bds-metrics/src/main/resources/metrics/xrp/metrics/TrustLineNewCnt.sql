-- id: TrustLineNewCnt
-- name: Trust lines created
-- unit: trust lines
-- source: trust_lines
-- definition: Trust lines (RippleState objects) created in the day's ledgers, by a TrustSet or implicitly by a payment or
--   offer that made an account hold a currency.
count(*) FILTER (WHERE l.change = 'created')
