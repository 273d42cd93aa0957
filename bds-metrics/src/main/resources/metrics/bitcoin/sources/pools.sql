-- source: pools
-- instanced: yes
-- description: one row per block with its attributed pool (helper m_block_pool), grouped by UTC day and pool; the
--   instance is the pool's name, 'unknown' for blocks no tag or payout address identifies
SELECT p.day, p.pool AS instance,
  {metrics}
FROM {schema}.m_block_pool p
WHERE p.height >= {from_height} AND p.day >= {from}
GROUP BY 1, 2
