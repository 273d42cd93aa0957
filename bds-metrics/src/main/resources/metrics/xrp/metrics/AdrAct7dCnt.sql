-- id: AdrAct7dCnt
-- name: Active accounts, 7 days
-- unit: accounts
-- source: sender_windows
-- basis: trailing 7 days
-- definition: Distinct accounts active (as AdrActCnt: they sent a transaction) on the day or any of the 6 days before it, each
--   counted once: weekly active users (WAU).
count(DISTINCT s.account) FILTER (WHERE s.day > d.day - 7)
