-- source: inputs
-- parts: block
-- block_keys: i.tx_id
-- description: one row per non-coinbase input, with held_days (whole days between the block that created the spent
--   output and the spending block, by header times: 2.5 days count 2, a negative span 0; NULL when the spent output is
--   unknown), grouped by the UTC day of the spending block; days whose blocks spend nothing have a row of nulls
WITH days AS (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE day >= {from}),
i AS (
  SELECT CAST(s.time AS DATE) AS day, i.tx_id, i.value, i.script_type, i.sequence,
    CASE WHEN c.height IS NOT NULL THEN greatest(0, divide(date_diff('second', c.time, s.time), 86400)) END AS held_days
  FROM {schema}.tx_inputs i
  JOIN {schema}.blocks s ON s.height = i.block_height AND s.height >= {from_height}
  LEFT JOIN {schema}.blocks c ON c.height = i.spent_block_height
  WHERE i.block_height >= {from_height} AND CAST(s.time AS DATE) >= {from} AND NOT i.is_coinbase)
SELECT d.day,
  {metrics}
FROM days d LEFT JOIN i ON i.day = d.day
GROUP BY 1
