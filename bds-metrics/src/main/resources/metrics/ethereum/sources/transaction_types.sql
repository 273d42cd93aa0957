-- source: transaction_types
-- instanced: yes
-- description: for each UTC day with blocks and each transaction type 0 (legacy), 1 (access list), 2 (EIP-1559),
--   3 (blob) and 4 (set code), and any other type seen that day, the day's transactions of that type (helper m_eth_tx)
SELECT d.day, CAST(y.transaction_type AS VARCHAR) AS instance,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
CROSS JOIN (
  SELECT unnest(ARRAY[0, 1, 2, 3, 4]) AS transaction_type
  UNION
  SELECT DISTINCT transaction_type FROM {schema}.m_eth_tx WHERE block_number >= {from_height} AND day >= {from}) y
LEFT JOIN {schema}.m_eth_tx t
  ON t.day = d.day AND t.transaction_type = y.transaction_type AND t.block_number >= {from_height}
GROUP BY 1, 2
