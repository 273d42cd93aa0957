-- source: address_blocks
-- parts: block
-- description: the address activity of each block (helper m_address_block, alias a), grouped by UTC day; days whose
--   blocks touch no address have a row of nulls
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from})
SELECT d.day,
  {metrics}
FROM days d
LEFT JOIN {schema}.m_address_block a ON a.day = d.day AND a.height >= {from_height}
GROUP BY 1
