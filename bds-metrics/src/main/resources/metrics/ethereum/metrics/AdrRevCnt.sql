-- id: AdrRevCnt
-- name: Revived addresses
-- unit: addresses
-- source: address_days
-- definition: Active addresses (AdrActCnt) whose previous active day is 365 or more days earlier: dormant for
--   at least a year.
count(*) FILTER (WHERE (a.sent OR a.received) AND a.previous_day <= a.day - 365)
