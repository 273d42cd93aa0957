-- id: AdrActCnt
-- name: Active addresses
-- unit: addresses
-- source: address_days
-- definition: Distinct addresses that originated or received a ledger change that day: paid a fee, sent or
--   received value (internal transfers included), received a fee share, a block or uncle reward or a
--   withdrawal, or sent or were the recipient of a transaction, failed ones included (so fee
--   recipients and participants of failed transactions count, as Coin Metrics defines it for ETH).
--   Opening balances are not activity; the zero address is excluded.
count(*) FILTER (WHERE (a.sent OR a.received))
