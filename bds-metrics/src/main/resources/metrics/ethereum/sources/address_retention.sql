-- source: address_retention
-- instanced: yes
-- description: for each UTC day d with blocks and each cohort month c from 11 months to 1 month before d's month
--   (instance: c as YYYY-MM), the cohort's size (addresses whose first active day is in c, from helper
--   m_eth_address_last) and how many of them were active from the first day of d's month to d (rows of helper
--   m_eth_address_day of d's month whose previous active day is before that month: each address counted once)
SELECT d.day, strftime(c.month, '%Y-%m') AS instance,
  {metrics}
FROM (
  SELECT DISTINCT day, CAST(date_trunc('month', day) AS DATE) AS month
  FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
JOIN (
  SELECT CAST(date_trunc('month', first_day) AS DATE) AS month, count(*) AS size
  FROM {schema}.m_eth_address_last
  WHERE first_day >= CAST(date_trunc('month', {from}) AS DATE) - INTERVAL 11 MONTH
    AND id <> 0
  GROUP BY 1) c ON c.month >= d.month - INTERVAL 11 MONTH AND c.month < d.month
LEFT JOIN (
  SELECT day, CAST(date_trunc('month', day) AS DATE) AS month, CAST(date_trunc('month', first_day) AS DATE) AS cohort,
    count(*) AS returning
  FROM {schema}.m_eth_address_day
  WHERE day >= CAST(date_trunc('month', {from}) AS DATE) AND (sent OR received)
    AND previous_day < CAST(date_trunc('month', day) AS DATE) AND first_day < CAST(date_trunc('month', day) AS DATE)
  GROUP BY 1, 2, 3) r ON r.month = d.month AND r.cohort = c.month AND r.day <= d.day
GROUP BY 1, 2
