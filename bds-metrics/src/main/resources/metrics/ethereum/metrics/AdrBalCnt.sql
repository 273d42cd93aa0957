-- id: AdrBalCnt
-- name: Addresses with balance
-- unit: addresses
-- source: address_days
-- basis: end of day
-- cumulative: yes
-- definition: Addresses with a positive native balance at the end of the day, the balance being the sum of all
--   their balance_changes (opening balance included). Computed as the previous day's count plus the
--   addresses whose balance became positive minus those whose balance stopped being.
coalesce(sum(CASE WHEN a.balance > 0 THEN 1 ELSE 0 END - CASE WHEN a.previous_balance > 0 THEN 1 ELSE 0 END), 0)
