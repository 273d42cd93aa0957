-- source: blocks
-- description: one row per block, with the seconds since the block before it and its attributed miner (helper
--   m_block_pool), grouped by the UTC day of its header time
SELECT CAST(k.time AS DATE) AS day,
  {metrics}
FROM (
  SELECT k.height, k.time, k.size, k.weight, k.difficulty, k.tx_count, k.fee, k.coinbase_value,
    date_diff('second', lag(k.time) OVER (ORDER BY k.height), k.time) AS interval_seconds
  FROM {schema}.blocks k WHERE k.height >= {from_height} - 1) k
LEFT JOIN {schema}.m_block_pool p ON p.height = k.height
WHERE k.height >= {from_height} AND CAST(k.time AS DATE) >= {from}
GROUP BY 1
