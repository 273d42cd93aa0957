-- id: AdrActSentCnt
-- name: Paying accounts
-- unit: accounts
-- source: transactions
-- definition: Distinct accounts that sent at least one successful Payment of the day (any currency).
count(DISTINCT t.account) FILTER (WHERE t.type = 'Payment' AND t.succeeded)
