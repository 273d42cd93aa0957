-- id: AdrActCnt
-- name: Active accounts
-- unit: accounts
-- source: transactions
-- definition: Distinct accounts that sent (signed as Account) at least one transaction of the day, failed tec ones included:
--   the daily active users (DAU) of the XRP Ledger. Unlike Coin Metrics' AdrActCnt, accounts that only received are
--   not counted (AdrActRecCnt counts payment destinations); pseudo-transactions have no sender.
count(DISTINCT t.account)
