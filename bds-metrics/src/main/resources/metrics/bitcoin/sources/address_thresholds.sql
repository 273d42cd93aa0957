-- source: address_thresholds
-- instanced: yes
-- description: for each balance threshold X (instance 0.001, 0.01, 0.1, 1, 10, 100, 1K, 10K, 100K whole coins of 10^8
--   base units), the day's change in the number of addresses holding at least X (added_addresses) and in the units
--   they hold (added_supply), from the address helper's per-block changes, one row per UTC day and threshold
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from}),
band_changes AS (
  -- an address moving from band b to band a (the number of thresholds its balance reaches) joins the thresholds
  -- b + 1 .. a, or leaves a + 1 .. b
  SELECT a.day, c.code // 10 AS band_before, c.code % 10 AS band, count(*) AS addresses
  FROM (SELECT day, band_changes FROM {schema}.m_address_block WHERE height >= {from_height} AND day >= {from}) a,
    unnest(a.band_changes) AS c(code)
  GROUP BY 1, 2, 3),
per_day AS (
  SELECT d.day,
    [sum(threshold_supply[1]), sum(threshold_supply[2]), sum(threshold_supply[3]), sum(threshold_supply[4]),
     sum(threshold_supply[5]), sum(threshold_supply[6]), sum(threshold_supply[7]), sum(threshold_supply[8]),
     sum(threshold_supply[9])] AS supply
  FROM {schema}.m_address_block d WHERE height >= {from_height} AND day >= {from} GROUP BY d.day),
thresholds AS (
  SELECT * FROM (VALUES (1, '0.001'), (2, '0.01'), (3, '0.1'), (4, '1'), (5, '10'), (6, '100'), (7, '1K'), (8, '10K'),
    (9, '100K')) AS x(position, instance)),
added AS (
  SELECT c.day, x.position,
    sum(CASE WHEN c.band >= x.position AND c.band_before < x.position THEN c.addresses
             WHEN c.band_before >= x.position AND c.band < x.position THEN -c.addresses ELSE 0 END) AS addresses
  FROM band_changes c CROSS JOIN thresholds x GROUP BY 1, 2),
t AS (
  SELECT d.day, x.instance, coalesce(a.addresses, 0) AS added_addresses, coalesce(p.supply[x.position], 0) AS added_supply
  FROM days d
  CROSS JOIN thresholds x
  LEFT JOIN added a ON a.day = d.day AND a.position = x.position
  LEFT JOIN per_day p ON p.day = d.day)
SELECT t.day, t.instance,
  {metrics}
FROM t
GROUP BY 1, 2
