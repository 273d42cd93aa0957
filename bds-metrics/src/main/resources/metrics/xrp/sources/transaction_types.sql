-- source: transaction_types
-- instanced: yes
-- description: the transactions of each UTC day per TransactionType (instance: the type as the network names it,
--   pseudo-transactions and types this release does not know included); only the types seen that day have a row
SELECT CAST(t.close_time AS DATE) AS day, t.type AS instance,
  {metrics}
FROM {schema}.transactions t
WHERE t.ledger_index >= {from_height} AND CAST(t.close_time AS DATE) >= {from}
GROUP BY 1, 2
