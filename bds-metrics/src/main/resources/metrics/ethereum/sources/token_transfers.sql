-- source: token_transfers
-- description: every UTC day with blocks and its token transfers (table token_transfers: one row per token moved,
--   ERC-1155 batches one row per entry; a day without any has one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN {schema}.token_transfers x ON x.block_number = b.height AND x.block_number >= {from_height}
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
