-- id: AdrActRecCnt
-- name: Paid accounts
-- unit: accounts
-- source: transactions
-- definition: Distinct destination accounts of the day's successful Payments (any currency).
count(DISTINCT t.destination) FILTER (WHERE t.type = 'Payment' AND t.succeeded)
