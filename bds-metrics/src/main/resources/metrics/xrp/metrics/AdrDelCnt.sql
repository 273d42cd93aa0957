-- id: AdrDelCnt
-- name: Accounts deleted
-- unit: accounts
-- source: account_events
-- definition: Accounts deleted in the day's ledgers (AccountRoot objects a successful AccountDelete, or an AMMDelete for a
--   pool's account, removed); a deleted account's XRP goes to the destination, less the fee.
count(*) FILTER (WHERE a.change = 'deleted')
