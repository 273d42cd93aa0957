-- source: transfers
-- instanced: yes
-- description: one row per transfer: an output of a non-coinbase transaction worth more than zero, not OP_RETURN, and
--   not paid back to an address that funds the same transaction (self-change, found by the address helper). Each row
--   says whether the output was spent again within an hour the same UTC day (quick). Grouped by UTC day twice: once
--   for the day's totals (instance '', metrics test GROUPING(t.bucket) = 1) and once per value bucket (instances
--   <0.001, 0.001-0.01, 0.01-0.1, 0.1-1, 1-10, 10-100, 100-1K, 1K-10K, >=10K in whole coins of 10^8 base units)
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from}),
self_change AS (
  SELECT e.tx_id, e.vout
  FROM (SELECT self_change FROM {schema}.m_address_block WHERE height >= {from_height}) b, unnest(b.self_change) AS s(e)),
quick AS (
  SELECT i.spent_tx_id AS tx_id, i.spent_vout AS vout
  FROM {schema}.tx_inputs i
  JOIN {schema}.blocks s ON s.height = i.block_height AND s.height >= {from_height}
  JOIN {schema}.blocks c ON c.height = i.spent_block_height AND c.height >= {from_height}
  WHERE i.block_height >= {from_height} AND i.spent_block_height >= {from_height} AND NOT i.is_coinbase
    AND CAST(s.time AS DATE) = CAST(c.time AS DATE) AND date_diff('second', c.time, s.time) <= 3600),
o AS (
  SELECT CAST(b.time AS DATE) AS day, o.value, q.tx_id IS NOT NULL AS quick,
    CASE
      WHEN o.value < 100000 THEN '<0.001'
      WHEN o.value < 1000000 THEN '0.001-0.01'
      WHEN o.value < 10000000 THEN '0.01-0.1'
      WHEN o.value < 100000000 THEN '0.1-1'
      WHEN o.value < 1000000000 THEN '1-10'
      WHEN o.value < 10000000000 THEN '10-100'
      WHEN o.value < 100000000000 THEN '100-1K'
      WHEN o.value < 1000000000000 THEN '1K-10K'
      ELSE '>=10K' END AS bucket
  FROM {schema}.tx_outputs o
  JOIN {schema}.blocks b ON b.height = o.block_height AND b.height >= {from_height}
  LEFT JOIN self_change sc ON sc.tx_id = o.tx_id AND sc.vout = o.vout
  LEFT JOIN quick q ON q.tx_id = o.tx_id AND q.vout = o.vout
  WHERE o.block_height >= {from_height} AND CAST(b.time AS DATE) >= {from} AND o.tx_id <> b.first_tx_id
    AND o.value > 0 AND o.script_type <> 'op_return' AND sc.tx_id IS NULL),
t AS (SELECT d.day, o.value, o.quick, o.bucket FROM days d LEFT JOIN o ON o.day = d.day)
SELECT t.day, coalesce(t.bucket, '') AS instance,
  {metrics}
FROM t
GROUP BY GROUPING SETS ((t.day), (t.day, t.bucket))
-- postgresql
-- (set tests rather than outer joins: PostgreSQL plans them as a hashed lookup and an anti-join, where it misjudges the
-- outer joins' row counts and loops)
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from}),
self_change AS (
  SELECT CAST(e ->> 0 AS BIGINT) AS tx_id, CAST(e ->> 1 AS INTEGER) AS vout
  FROM (SELECT self_change FROM {schema}.m_address_block WHERE height >= {from_height}) b, jsonb_array_elements(b.self_change) AS s(e)),
quick AS (
  SELECT i.spent_tx_id AS tx_id, i.spent_vout AS vout
  FROM {schema}.tx_inputs i
  JOIN {schema}.blocks s ON s.height = i.block_height AND s.height >= {from_height}
  JOIN {schema}.blocks c ON c.height = i.spent_block_height AND c.height >= {from_height}
  WHERE i.block_height >= {from_height} AND i.spent_block_height >= {from_height} AND NOT i.is_coinbase
    AND CAST(s.time AS DATE) = CAST(c.time AS DATE) AND date_diff('second', c.time, s.time) <= 3600),
o AS (
  SELECT CAST(b.time AS DATE) AS day, o.value, (o.tx_id, o.vout) IN (SELECT q.tx_id, q.vout FROM quick q) AS quick,
    CASE
      WHEN o.value < 100000 THEN '<0.001'
      WHEN o.value < 1000000 THEN '0.001-0.01'
      WHEN o.value < 10000000 THEN '0.01-0.1'
      WHEN o.value < 100000000 THEN '0.1-1'
      WHEN o.value < 1000000000 THEN '1-10'
      WHEN o.value < 10000000000 THEN '10-100'
      WHEN o.value < 100000000000 THEN '100-1K'
      WHEN o.value < 1000000000000 THEN '1K-10K'
      ELSE '>=10K' END AS bucket
  FROM {schema}.tx_outputs o
  JOIN {schema}.blocks b ON b.height = o.block_height AND b.height >= {from_height}
  WHERE o.block_height >= {from_height} AND CAST(b.time AS DATE) >= {from} AND o.tx_id <> b.first_tx_id
    AND o.value > 0 AND o.script_type <> 'op_return'
    AND NOT EXISTS (SELECT 1 FROM self_change sc WHERE sc.tx_id = o.tx_id AND sc.vout = o.vout)),
t AS (SELECT d.day, o.value, o.quick, o.bucket FROM days d LEFT JOIN o ON o.day = d.day)
SELECT t.day, coalesce(t.bucket, '') AS instance,
  {metrics}
FROM t
GROUP BY GROUPING SETS ((t.day), (t.day, t.bucket))
