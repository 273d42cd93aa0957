-- m_address_day: per address and UTC day, what it received and spent, and its balance at the end of the day.
-- Addresses are those of tx_outputs.address_id (outputs without a single address are not attributed).
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_address_day (
  day DATE NOT NULL,
  address_id BIGINT NOT NULL,
  received BIGINT NOT NULL,
  sent BIGINT NOT NULL,
  received_outputs INTEGER NOT NULL,
  spent_outputs INTEGER NOT NULL,
  balance BIGINT NOT NULL,
  previous_balance BIGINT NOT NULL,
  previous_day DATE,
  first_day DATE NOT NULL);
-- refresh
DELETE FROM {schema}.m_address_day WHERE day >= {from};
INSERT INTO {schema}.m_address_day
WITH moves AS (
  SELECT b.day, o.address_id, o.value AS received, 0 AS sent, 1 AS received_outputs, 0 AS spent_outputs
  FROM {schema}.tx_outputs o JOIN {schema}.metrics_blocks b ON b.height = o.block_height
  WHERE o.block_height >= {from_height} AND b.day >= {from} AND o.address_id IS NOT NULL
  UNION ALL
  SELECT b.day, i.address_id, 0, i.value, 0, 1
  FROM {schema}.tx_inputs i JOIN {schema}.metrics_blocks b ON b.height = i.block_height
  WHERE i.block_height >= {from_height} AND b.day >= {from} AND i.address_id IS NOT NULL),
daily AS (
  SELECT day, address_id, sum(received) AS received, sum(sent) AS sent,
    CAST(sum(received_outputs) AS INTEGER) AS received_outputs, CAST(sum(spent_outputs) AS INTEGER) AS spent_outputs
  FROM moves GROUP BY day, address_id),
earlier AS (
  SELECT address_id, arg_max(balance, day) AS balance, max(day) AS day, min(first_day) AS first_day
  FROM {schema}.m_address_day WHERE address_id IN (SELECT address_id FROM daily) GROUP BY address_id)
SELECT d.day, d.address_id, d.received, d.sent, d.received_outputs, d.spent_outputs,
  coalesce(e.balance, 0) + sum(d.received - d.sent) OVER w AS balance,
  coalesce(e.balance, 0) + sum(d.received - d.sent) OVER w - (d.received - d.sent) AS previous_balance,
  coalesce(lag(d.day) OVER w, e.day) AS previous_day,
  coalesce(e.first_day, min(d.day) OVER (PARTITION BY d.address_id)) AS first_day
FROM daily d LEFT JOIN earlier e ON e.address_id = d.address_id
WINDOW w AS (PARTITION BY d.address_id ORDER BY d.day ROWS UNBOUNDED PRECEDING);
-- append
UPDATE {schema}.m_address_day m
SET received = m.received + d.received, sent = m.sent + d.sent,
  received_outputs = m.received_outputs + d.received_outputs, spent_outputs = m.spent_outputs + d.spent_outputs,
  balance = m.balance + d.received - d.sent
FROM (
  SELECT address_id, sum(received) AS received, sum(sent) AS sent,
    CAST(sum(received_outputs) AS INTEGER) AS received_outputs, CAST(sum(spent_outputs) AS INTEGER) AS spent_outputs
  FROM (
    SELECT o.address_id, o.value AS received, 0 AS sent, 1 AS received_outputs, 0 AS spent_outputs
    FROM {schema}.tx_outputs o WHERE o.block_height >= {new_height} AND o.address_id IS NOT NULL
    UNION ALL
    SELECT i.address_id, 0, i.value, 0, 1
    FROM {schema}.tx_inputs i WHERE i.block_height >= {new_height} AND i.address_id IS NOT NULL)
  GROUP BY address_id) d
WHERE m.day = {from} AND m.address_id = d.address_id;
INSERT INTO {schema}.m_address_day
WITH daily AS (
  SELECT address_id, sum(received) AS received, sum(sent) AS sent,
    CAST(sum(received_outputs) AS INTEGER) AS received_outputs, CAST(sum(spent_outputs) AS INTEGER) AS spent_outputs
  FROM (
    SELECT o.address_id, o.value AS received, 0 AS sent, 1 AS received_outputs, 0 AS spent_outputs
    FROM {schema}.tx_outputs o WHERE o.block_height >= {new_height} AND o.address_id IS NOT NULL
    UNION ALL
    SELECT i.address_id, 0, i.value, 0, 1
    FROM {schema}.tx_inputs i WHERE i.block_height >= {new_height} AND i.address_id IS NOT NULL)
  GROUP BY address_id),
fresh AS (
  SELECT * FROM daily d
  WHERE NOT EXISTS (SELECT 1 FROM {schema}.m_address_day m WHERE m.day = {from} AND m.address_id = d.address_id)),
earlier AS (
  SELECT address_id, arg_max(balance, day) AS balance, max(day) AS day, min(first_day) AS first_day
  FROM {schema}.m_address_day WHERE address_id IN (SELECT address_id FROM fresh) GROUP BY address_id)
SELECT {from}, f.address_id, f.received, f.sent, f.received_outputs, f.spent_outputs,
  coalesce(e.balance, 0) + f.received - f.sent, coalesce(e.balance, 0), e.day, coalesce(e.first_day, {from})
FROM fresh f LEFT JOIN earlier e ON e.address_id = f.address_id;
