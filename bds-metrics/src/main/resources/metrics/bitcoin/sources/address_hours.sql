-- source: address_hours
-- parts: block
-- instanced: yes
-- description: addresses active in each UTC hour (instance 00 to 23) of the day, from the address helper's per-block
--   counts of addresses whose activity in the block's hour was their first in that hour (alias a, hour_active); hours
--   without a block have no row
SELECT a.day, lpad(CAST(a.hour AS VARCHAR), 2, '0') AS instance,
  {metrics}
FROM {schema}.m_address_block a
WHERE a.height >= {from_height} AND a.day >= {from}
GROUP BY 1, 2
