-- source: issuance
-- description: every block of the day with the protocol's new units it credited (balance_changes of kind
--   block_reward, uncle_reward and withdrawal, as exact HUGEINT; NULL columns for a block without any), grouped by the
--   UTC day of the block
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN (
  SELECT block_number, kind, CAST(delta_digits AS HUGEINT) AS delta
  FROM {schema}.balance_changes
  WHERE block_number >= {from_height} AND kind IN ('block_reward', 'uncle_reward', 'withdrawal')) c
  ON c.block_number = b.height
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
