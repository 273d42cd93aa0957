-- source: account_events
-- description: every UTC day with ledgers and the accounts its transactions created (first funded) or deleted
--   (AccountDelete), from the metadata's AccountRoot nodes (table account_events; a day without any has one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN {schema}.account_events a ON a.ledger_index = b.height AND a.ledger_index >= {from_height}
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
