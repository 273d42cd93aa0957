-- id: AdrAct30dCnt
-- name: Active accounts, 30 days
-- unit: accounts
-- source: sender_windows
-- basis: trailing 30 days
-- definition: Distinct accounts active (as AdrActCnt: they sent a transaction) on the day or any of the 29 days before it,
--   each counted once: monthly active users (MAU).
count(DISTINCT s.account)
