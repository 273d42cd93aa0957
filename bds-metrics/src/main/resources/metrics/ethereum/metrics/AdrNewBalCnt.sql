-- id: AdrNewBalCnt
-- name: New funded addresses
-- unit: addresses
-- source: address_days
-- definition: New addresses (AdrNewCnt) with a positive balance at the end of the day.
count(*) FILTER (WHERE (a.sent OR a.received) AND a.first_day = a.day AND a.balance > 0)
