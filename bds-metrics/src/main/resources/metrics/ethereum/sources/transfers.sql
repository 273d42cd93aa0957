-- source: transfers
-- description: every UTC day with blocks and its movements of native value and contract creations (helper
--   m_eth_transfer; a day without any has one row of NULLs)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN {schema}.m_eth_transfer x ON x.day = d.day AND x.block_number >= {from_height}
GROUP BY 1
