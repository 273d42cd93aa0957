-- source: address_hours
-- instanced: yes
-- description: addresses active in each UTC hour (instance 00 to 23) of the day, from the address helper's per-block
--   counts of addresses whose activity in that hour was their first (addresses); hours without activity have no row
SELECT a.day, lpad(CAST(h.entry.key AS VARCHAR), 2, '0') AS instance,
  {metrics}
FROM (SELECT day, hours FROM {schema}.m_address_block WHERE height >= {from_height} AND day >= {from}) a,
  unnest(map_entries(a.hours)) AS h(entry)
GROUP BY 1, 2
