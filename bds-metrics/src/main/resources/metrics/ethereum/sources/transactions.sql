-- source: transactions
-- description: one row per transaction with its receipt, grouped by the UTC day of its block
SELECT CAST(t.block_timestamp AS DATE) AS day,
  {metrics}
FROM {schema}.transactions t
WHERE t.block_number >= {from_height} AND CAST(t.block_timestamp AS DATE) >= {from}
GROUP BY 1
