-- id: TrustLineDelCnt
-- name: Trust lines removed
-- unit: trust lines
-- source: trust_lines
-- definition: Trust lines (RippleState objects) deleted in the day's ledgers: both sides back to their defaults with a zero
--   balance (a TrustSet to limit 0, or the payment that emptied a line left in default state), or removed with a
--   deleted account.
count(*) FILTER (WHERE l.change = 'deleted')
