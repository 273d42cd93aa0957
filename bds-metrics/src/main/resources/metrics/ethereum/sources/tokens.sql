-- source: tokens
-- description: every UTC day with blocks and the token contracts first seen that day (table tokens, by the block of
--   the first transfer seen; a day without any has one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN {schema}.tokens k ON k.block_number = b.height AND k.block_number >= {from_height}
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
