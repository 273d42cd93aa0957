-- id: AdrRetPct
-- name: Address retention by cohort
-- unit: percent
-- source: address_retention
-- definition: For each cohort month from 11 months to 1 month before the day's month (instance YYYY-MM: the
--   addresses whose first active day, as AdrNewCnt counts it, is in that month), the percentage of
--   the cohort active (as AdrActCnt) from the first day of the day's month up to the day itself,
--   rounded half up to 10 decimals.
{schema}.m_eth_mean(100 * coalesce(sum(r.returning), 0), max(c.size))
