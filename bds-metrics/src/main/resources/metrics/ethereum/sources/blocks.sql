-- source: blocks
-- description: one row per block, grouped by the UTC day of its timestamp
SELECT CAST(k."timestamp" AS DATE) AS day,
  {metrics}
FROM {schema}.blocks k
WHERE k.number >= {from_height} AND CAST(k."timestamp" AS DATE) >= {from}
GROUP BY 1
