-- source: fee_percentiles
-- instanced: yes
-- description: the day's transaction fees at the 10th, 25th, 50th, 75th and 90th percentile (nearest rank: the fee of
--   the ceil(p * n)-th cheapest of the day's n transactions), one row per UTC day and percentile p10 to p90
SELECT q.day, q.instance,
  {metrics}
FROM (
  SELECT t.day, unnest(ARRAY['p10', 'p25', 'p50', 'p75', 'p90']) AS instance,
    unnest(quantile_disc(t.fee, [0.1, 0.25, 0.5, 0.75, 0.9])) AS fee
  FROM {schema}.m_eth_tx t
  WHERE t.block_number >= {from_height} AND t.day >= {from}
  GROUP BY t.day) q
GROUP BY 1, 2
