-- id: TxTfrCnt
-- name: Native transfers
-- unit: transfers
-- source: transfers
-- definition: Movements of native units with value above 0 between two distinct addresses: every call, create
--   and self-destruct frame of the day's transactions that did not revert (the top-level call
--   included; CALLCODE, DELEGATECALL and STATICCALL move none), as balance_changes books them. In a
--   block without traces only the top-level value of successful transactions is known.
count(*) FILTER (WHERE (x.value > 0 AND x.between_distinct))
