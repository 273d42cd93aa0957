-- id: AdrNewCnt
-- name: Accounts created
-- unit: accounts
-- source: account_events
-- definition: Accounts created in the day's ledgers: AccountRoot objects a transaction's metadata shows created, which happens
--   when a Payment first funds an address with at least the reserve (AMM pools' own accounts included).
count(*) FILTER (WHERE a.change = 'created')
