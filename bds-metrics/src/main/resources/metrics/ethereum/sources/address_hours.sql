-- source: address_hours
-- instanced: yes
-- description: for each UTC day with blocks and each UTC hour 00 to 23, the active addresses of the day (helper
--   m_eth_address_day, whose hours column has bit h set when the address was active in hour h), grouped first by
--   their set of hours
SELECT d.day, lpad(CAST(h.hour AS VARCHAR), 2, '0') AS instance,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
CROSS JOIN (SELECT g.h AS hour FROM generate_series(0, 23) AS g(h)) h
LEFT JOIN (
  SELECT day, hours, count(*) AS addresses
  FROM {schema}.m_eth_address_day
  WHERE day >= {from} AND hours <> 0
  GROUP BY 1, 2) a ON a.day = d.day AND (a.hours >> h.hour) & 1 = 1
GROUP BY 1, 2
