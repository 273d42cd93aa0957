-- id: AdrActMtdCnt
-- name: Active addresses, month to date
-- unit: addresses
-- source: address_months
-- basis: end of day
-- definition: Distinct addresses active (as for AdrActCnt) in the day's calendar month (UTC) up to and including the
--   day; on the month's last day with blocks, the month's active addresses (the original service's monthly
--   active_address_count).
sum(r.month_to_date)
