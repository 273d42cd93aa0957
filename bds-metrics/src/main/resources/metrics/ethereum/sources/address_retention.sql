-- source: address_retention
-- instanced: yes
-- description: for each UTC day d with blocks and each cohort month c from 11 months to 1 month before d's month
--   (instance: c as YYYY-MM), the cohort's size (addresses whose first active day is in c) and how many of them were
--   active from the first day of d's month to d, each counted once (helper m_eth_activity, kinds new and returning)
SELECT d.day, strftime(c.cohort, '%Y-%m') AS instance,
  {metrics}
FROM (
  SELECT DISTINCT day, CAST(date_trunc('month', day) AS DATE) AS month
  FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
JOIN (
  SELECT cohort, sum(change) AS size
  FROM {schema}.m_eth_activity
  WHERE kind = 'new' AND cohort >= CAST(date_trunc('month', {from}) AS DATE) - INTERVAL '11 MONTH'
  GROUP BY 1) c ON c.cohort >= d.month - INTERVAL '11 MONTH' AND c.cohort < d.month
LEFT JOIN (
  SELECT on_day, cohort, sum(change) AS returning
  FROM {schema}.m_eth_activity
  WHERE kind = 'returning' AND day >= CAST(date_trunc('month', {from}) AS DATE)
  GROUP BY 1, 2) r ON r.cohort = c.cohort AND r.on_day >= d.month AND r.on_day <= d.day
GROUP BY 1, 2
