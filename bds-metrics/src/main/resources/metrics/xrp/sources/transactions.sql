-- source: transactions
-- description: every UTC day with ledgers and its transactions signed by accounts, failed (tec) ones included and
--   pseudo-transactions left out, each with its Payment fields where it is a Payment (table payments; a day without
--   transactions has one row of NULLs)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN (
  SELECT CAST(t.close_time AS DATE) AS day, t.type, t.account, t.destination, t.fee, t.succeeded, t.delivered_drops,
    t.memo_count, p.partial, p.amount_currency, p.send_max_currency
  FROM {schema}.transactions t
  LEFT JOIN {schema}.payments p ON p.ledger_index = t.ledger_index AND p.position = t.position AND p.ledger_index >= {from_height}
  WHERE t.ledger_index >= {from_height} AND t.family <> 'pseudo') t ON t.day = d.day
GROUP BY 1
