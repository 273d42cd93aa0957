-- source: address_days
-- description: every UTC day with blocks and the addresses that were active or whose native balance changed that day
--   (helper m_eth_address_day; a day without any has one row of NULLs), with the day of an address's creation when it
--   is a contract the warehouse saw created (table contracts)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN {schema}.m_eth_address_day a ON a.day = d.day AND a.day >= {from}
LEFT JOIN (
  SELECT c.address, min(b.day) AS day
  FROM {schema}.contracts c JOIN {schema}.metrics_blocks b ON b.height = c.block_number
  GROUP BY c.address) k ON k.address = a.address
GROUP BY 1
