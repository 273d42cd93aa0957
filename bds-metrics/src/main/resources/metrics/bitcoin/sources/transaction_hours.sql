-- source: transaction_hours
-- parts: block
-- instanced: yes
-- description: one row per transaction, grouped by the UTC day and the UTC hour (instance 00 to 23) of its block's
--   time; hours without a block have no row
SELECT CAST(t.time AS DATE) AS day, strftime(t.time, '%H') AS instance,
  {metrics}
FROM {schema}.transactions t
WHERE t.block_height >= {from_height} AND CAST(t.time AS DATE) >= {from}
GROUP BY 1, 2
