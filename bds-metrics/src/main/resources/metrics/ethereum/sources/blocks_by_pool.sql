-- source: blocks_by_pool
-- instanced: yes
-- description: one row per block, grouped by the UTC day of its timestamp and by the pool or builder its fee recipient
--   belongs to (reference table pool_addresses; the first row of an address wins, user rows before shipped ones;
--   'unknown' for a fee recipient it does not list)
SELECT k.day, k.instance,
  {metrics}
FROM (
  SELECT CAST(b."timestamp" AS DATE) AS day, coalesce(p.pool, 'unknown') AS instance
  FROM {schema}.blocks b
  LEFT JOIN (
    SELECT lower(address) AS address, (array_agg(pool ORDER BY priority))[1] AS pool
    FROM {schema}.m_ref_pool_addresses GROUP BY lower(address)) p ON p.address = b.miner
  WHERE b.number >= {from_height} AND CAST(b."timestamp" AS DATE) >= {from}) k
GROUP BY 1, 2
