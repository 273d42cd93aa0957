-- source: contracts
-- description: every UTC day with blocks and the contracts created that day (table contracts: create frames that did
--   not revert, by transactions or by other contracts; a day without any has one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN {schema}.contracts c ON c.block_number = b.height AND c.block_number >= {from_height}
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
