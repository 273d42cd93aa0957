-- source: transactions
-- parts: block
-- description: one row per transaction (coinbases included, metrics filter them), grouped by the UTC day of its block
SELECT CAST(t.time AS DATE) AS day,
  {metrics}
FROM {schema}.transactions t
WHERE t.block_height >= {from_height} AND CAST(t.time AS DATE) >= {from}
GROUP BY 1
