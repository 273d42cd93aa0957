-- source: address_months
-- instanced: yes
-- description: calendar-month activity, one row per UTC day and cohort: for each of the 1 to 11 months before the
--   day's month (instance YYYY-MM), the addresses first seen in that month (cohort_size) and how many of them were
--   active in the day's month up to and including the day (active); plus a row with instance '' whose
--   month_to_date is the number of distinct addresses active in the day's month up to and including the day (helpers
--   m_address_block and m_address_months)
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from}),
first_month AS (SELECT CAST(date_trunc('month', {from}) AS DATE) AS day),
sizes AS (SELECT month AS cohort, new AS size FROM {schema}.m_address_months),
month_days AS (
  SELECT DISTINCT m.day FROM {schema}.metrics_blocks m, first_month f WHERE m.day >= f.day),
this_month AS (
  SELECT a.day, a.month_active, a.older_cohorts FROM {schema}.m_address_block a, first_month f WHERE a.day >= f.day),
per_day AS (
  SELECT b.day, c.entry.key AS cohort, sum(c.entry.value) AS active
  FROM this_month b, unnest(map_entries(b.older_cohorts)) AS c(entry) GROUP BY 1, 2),
grid AS (
  SELECT m.day, CAST(date_trunc('month', m.day) - INTERVAL '1 MONTH' * k.k AS DATE) AS cohort
  FROM month_days m CROSS JOIN generate_series(1, 11) AS k(k)),
running AS (
  SELECT g.day, g.cohort,
    sum(coalesce(p.active, 0)) OVER (PARTITION BY g.cohort, date_trunc('month', g.day) ORDER BY g.day) AS active
  FROM grid g LEFT JOIN per_day p ON p.day = g.day AND p.cohort = g.cohort),
month_total AS (
  SELECT m.day, sum(coalesce(p.active, 0)) OVER (PARTITION BY date_trunc('month', m.day) ORDER BY m.day) AS active
  FROM month_days m LEFT JOIN (SELECT day, sum(month_active) AS active FROM this_month GROUP BY day) p ON p.day = m.day),
r AS (
  SELECT r.day, strftime(r.cohort, '%Y-%m') AS instance, r.active, s.size AS cohort_size, NULL AS month_to_date
  FROM running r JOIN days d ON d.day = r.day LEFT JOIN sizes s ON s.cohort = r.cohort
  UNION ALL
  SELECT t.day, '', NULL, NULL, t.active FROM month_total t JOIN days d ON d.day = t.day)
SELECT r.day, r.instance,
  {metrics}
FROM r
GROUP BY 1, 2
-- postgresql
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from}),
first_month AS (SELECT CAST(date_trunc('month', {from}) AS DATE) AS day),
sizes AS (SELECT month AS cohort, new AS size FROM {schema}.m_address_months),
month_days AS (
  SELECT DISTINCT m.day FROM {schema}.metrics_blocks m, first_month f WHERE m.day >= f.day),
this_month AS (
  SELECT a.day, a.month_active, a.older_cohorts FROM {schema}.m_address_block a, first_month f WHERE a.day >= f.day),
per_day AS (
  SELECT b.day, CAST(c.key AS DATE) AS cohort, sum(CAST(c.value AS BIGINT)) AS active
  FROM this_month b, jsonb_each_text(b.older_cohorts) AS c(key, value) GROUP BY 1, 2),
grid AS (
  SELECT m.day, CAST(date_trunc('month', m.day) - INTERVAL '1 MONTH' * k.k AS DATE) AS cohort
  FROM month_days m CROSS JOIN generate_series(1, 11) AS k(k)),
running AS (
  SELECT g.day, g.cohort,
    sum(coalesce(p.active, 0)) OVER (PARTITION BY g.cohort, date_trunc('month', g.day) ORDER BY g.day) AS active
  FROM grid g LEFT JOIN per_day p ON p.day = g.day AND p.cohort = g.cohort),
month_total AS (
  SELECT m.day, sum(coalesce(p.active, 0)) OVER (PARTITION BY date_trunc('month', m.day) ORDER BY m.day) AS active
  FROM month_days m LEFT JOIN (SELECT day, sum(month_active) AS active FROM this_month GROUP BY day) p ON p.day = m.day),
r AS (
  SELECT r.day, strftime(r.cohort, '%Y-%m') AS instance, r.active, s.size AS cohort_size, NULL AS month_to_date
  FROM running r JOIN days d ON d.day = r.day LEFT JOIN sizes s ON s.cohort = r.cohort
  UNION ALL
  SELECT t.day, '', NULL, NULL, t.active FROM month_total t JOIN days d ON d.day = t.day)
SELECT r.day, r.instance,
  {metrics}
FROM r
GROUP BY 1, 2
