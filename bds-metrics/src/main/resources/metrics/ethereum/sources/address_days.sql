-- source: address_days
-- description: one row per address and UTC day on which it was active or its native balance changed (helper
--   m_eth_address_day), with the block day of its creation when the address is a contract the warehouse saw created
--   (table contracts)
SELECT a.day,
  {metrics}
FROM {schema}.m_eth_address_day a
LEFT JOIN (
  SELECT c.address, min(b.day) AS day
  FROM {schema}.contracts c JOIN {schema}.metrics_blocks b ON b.height = c.block_number
  GROUP BY c.address) k ON k.address = a.address
WHERE a.day >= {from}
GROUP BY 1
