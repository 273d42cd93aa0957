-- source: ledgers
-- description: one row per validated ledger with its total coins, fees burnt and transaction count as its header
--   states them and the seconds since the previous ledger's close (NULL for the first ledger the warehouse holds),
--   grouped by the UTC day of its close time
SELECT k.day,
  {metrics}
FROM (
  SELECT l.ledger_index, CAST(l.close_time AS DATE) AS day, l.total_coins, l.fees_burnt, l.tx_count,
    CASE WHEN lag(l.ledger_index) OVER (ORDER BY l.ledger_index) = l.ledger_index - 1
      THEN epoch(l.close_time) - epoch(lag(l.close_time) OVER (ORDER BY l.ledger_index)) END AS interval_seconds
  FROM {schema}.ledgers l
  WHERE l.ledger_index >= {from_height} - 1) k
WHERE k.ledger_index >= {from_height} AND k.day >= {from}
GROUP BY 1
