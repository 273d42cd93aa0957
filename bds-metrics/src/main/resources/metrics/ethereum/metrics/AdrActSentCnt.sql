-- id: AdrActSentCnt
-- name: Active sending addresses
-- unit: addresses
-- source: address_days
-- definition: The active addresses (AdrActCnt) that originated a ledger change: paid a fee, sent value or sent
--   a transaction.
count(*) FILTER (WHERE a.sent)
