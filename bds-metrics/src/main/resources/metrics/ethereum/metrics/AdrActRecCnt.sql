-- id: AdrActRecCnt
-- name: Active receiving addresses
-- unit: addresses
-- source: address_days
-- definition: The active addresses (AdrActCnt) that received: value, a fee share, a reward, a withdrawal, or a
--   transaction.
count(*) FILTER (WHERE a.received)
