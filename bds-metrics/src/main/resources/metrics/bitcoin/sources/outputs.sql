-- source: outputs
-- parts: block
-- block_keys: o.tx_id
-- description: one row per output created (coinbase outputs included) with its block (b), grouped by the UTC day of
--   the block
SELECT CAST(b.time AS DATE) AS day,
  {metrics}
FROM {schema}.tx_outputs o
JOIN {schema}.blocks b ON b.height = o.block_height AND b.height >= {from_height}
WHERE o.block_height >= {from_height} AND CAST(b.time AS DATE) >= {from}
GROUP BY 1
