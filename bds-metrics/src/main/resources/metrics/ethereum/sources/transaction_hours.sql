-- source: transaction_hours
-- instanced: yes
-- description: for each UTC day with blocks and each UTC hour 00 to 23, the transactions of the blocks of that hour
--   (helper m_eth_tx)
SELECT d.day, lpad(CAST(h.hour AS VARCHAR), 2, '0') AS instance,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
CROSS JOIN (SELECT CAST(g.h AS TINYINT) AS hour FROM generate_series(0, 23) AS g(h)) h
LEFT JOIN {schema}.m_eth_tx t ON t.day = d.day AND t.hour = h.hour AND t.block_number >= {from_height}
GROUP BY 1, 2
