-- source: transactions
-- description: every UTC day with blocks and its transactions with their receipts (helper m_eth_tx: wei amounts as
--   exact HUGEINT; a day without transactions has one row of NULLs)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN {schema}.m_eth_tx t ON t.day = d.day AND t.block_number >= {from_height}
GROUP BY 1
