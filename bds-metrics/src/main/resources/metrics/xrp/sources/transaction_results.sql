-- source: transaction_results
-- instanced: yes
-- description: the transactions of each UTC day per result code (instance: tesSUCCESS, tecPATH_DRY…; pseudo-transactions
--   included); only the results seen that day have a row
SELECT CAST(t.close_time AS DATE) AS day, t.result AS instance,
  {metrics}
FROM {schema}.transactions t
WHERE t.ledger_index >= {from_height} AND CAST(t.close_time AS DATE) >= {from}
GROUP BY 1, 2
