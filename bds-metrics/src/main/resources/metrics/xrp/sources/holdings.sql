-- source: holdings
-- description: every UTC day with ledgers and the changes of the XRP held by escrows and payment channels (table
--   balance_changes, kinds escrow and paychan: an escrow holds its Amount, a channel its Amount less its Balance, booked
--   to the owner; a day without any has one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN {schema}.balance_changes c
  ON c.ledger_index = b.height AND c.ledger_index >= {from_height} AND c.kind <> 'account' AND c.currency = 'XRP'
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
