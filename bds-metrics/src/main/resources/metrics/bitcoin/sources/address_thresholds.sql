-- source: address_thresholds
-- instanced: yes
-- description: for each balance threshold X (instance 0.001, 0.01, 0.1, 1, 10, 100, 1K, 10K, 100K whole coins of 10^8
--   base units), the day's change in the number of addresses holding at least X (added_addresses) and in the units
--   they hold (added_supply), from the address helper's per-block changes, one row per UTC day and threshold
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from}),
per_day AS (
  SELECT day,
    ARRAY[sum(threshold_addresses[1]), sum(threshold_addresses[2]), sum(threshold_addresses[3]), sum(threshold_addresses[4]),
     sum(threshold_addresses[5]), sum(threshold_addresses[6]), sum(threshold_addresses[7]), sum(threshold_addresses[8]),
     sum(threshold_addresses[9])] AS addresses,
    ARRAY[sum(threshold_supply[1]), sum(threshold_supply[2]), sum(threshold_supply[3]), sum(threshold_supply[4]),
     sum(threshold_supply[5]), sum(threshold_supply[6]), sum(threshold_supply[7]), sum(threshold_supply[8]),
     sum(threshold_supply[9])] AS supply
  FROM {schema}.m_address_block WHERE height >= {from_height} AND day >= {from} GROUP BY day),
t AS (
  SELECT d.day, x.instance, coalesce(p.addresses[x.position], 0) AS added_addresses,
    coalesce(p.supply[x.position], 0) AS added_supply
  FROM days d
  CROSS JOIN (VALUES (1, '0.001'), (2, '0.01'), (3, '0.1'), (4, '1'), (5, '10'), (6, '100'), (7, '1K'), (8, '10K'),
    (9, '100K')) AS x(position, instance)
  LEFT JOIN per_day p ON p.day = d.day)
SELECT t.day, t.instance,
  {metrics}
FROM t
GROUP BY 1, 2
