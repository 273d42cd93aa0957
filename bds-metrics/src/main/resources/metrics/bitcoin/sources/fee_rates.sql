-- source: fee_rates
-- instanced: yes
-- description: percentiles of the fee rate (fee in base units per virtual byte) of the day's non-coinbase
--   transactions with a known fee, one row per UTC day and percentile (instance p10, p25, p50, p75, p90), computed with
--   linear interpolation between the two nearest ranks (quantile_cont)
WITH r AS (
  SELECT CAST(t.time AS DATE) AS day, CAST(t.fee AS DOUBLE) / t.vsize AS rate
  FROM {schema}.transactions t
  WHERE t.block_height >= {from_height} AND CAST(t.time AS DATE) >= {from} AND NOT t.is_coinbase AND t.fee IS NOT NULL),
q AS (SELECT day, quantile_cont(rate, [0.1, 0.25, 0.5, 0.75, 0.9]) AS rates FROM r GROUP BY day)
SELECT q.day, p.instance,
  {metrics}
FROM q CROSS JOIN (VALUES (1, 'p10'), (2, 'p25'), (3, 'p50'), (4, 'p75'), (5, 'p90')) AS p(position, instance)
GROUP BY 1, 2
