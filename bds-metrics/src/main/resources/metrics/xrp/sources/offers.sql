-- source: offers
-- description: every UTC day with ledgers and the DEX offers its transactions created, changed or removed (table
--   offer_changes), each with the transaction that did it (its type and sender) and, for an OfferCreate or OfferCancel,
--   the OfferSequence it named (table offers; a day without any has one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN (
  SELECT o.ledger_index, o.change, o.owner, o.offer_sequence, o.gets_drops, o.gets_value, o.gets_before_currency,
    t.type, t.account, f.offer_sequence AS named_sequence
  FROM {schema}.offer_changes o
  JOIN {schema}.transactions t ON t.ledger_index = o.ledger_index AND t.position = o.position
  LEFT JOIN {schema}.offers f ON f.ledger_index = o.ledger_index AND f.position = o.position AND f.ledger_index >= {from_height}
  WHERE o.ledger_index >= {from_height} AND t.ledger_index >= {from_height}) o ON o.ledger_index = b.height
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
