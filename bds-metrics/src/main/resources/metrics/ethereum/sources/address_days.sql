-- source: address_days
-- description: every UTC day with blocks and the addresses that were active or whose native balance changed that day
--   (helper m_eth_address_day; a day without any has one row of NULLs)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN {schema}.m_eth_address_day a ON a.day = d.day AND a.day >= {from}
GROUP BY 1
