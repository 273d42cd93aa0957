-- id: AdrRetPct
-- name: Address retention
-- unit: percent
-- source: address_months
-- basis: end of day
-- definition: Monthly retention cohorts. Instance: the cohort month YYYY-MM, the addresses first seen in that UTC
--   month. Value on a day: the percentage of the cohort's addresses active in the day's calendar month up to and
--   including the day (month to date), for the cohorts of the 1 to 11 months before the day's month; the value on a
--   month's last day with blocks is the cohort's retention k months later. No value for a month without new addresses.
100 * sum(r.active) / nullif(sum(r.cohort_size), 0)
