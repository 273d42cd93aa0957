-- source: blocks
-- description: one row per block, grouped by the UTC day of its header time
SELECT CAST(k.time AS DATE) AS day,
  {metrics}
FROM {schema}.blocks k
WHERE k.height >= {from_height} AND CAST(k.time AS DATE) >= {from}
GROUP BY 1
