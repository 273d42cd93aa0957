-- source: trust_lines
-- description: every UTC day with ledgers and the trust lines (RippleState objects) its transactions created, changed
--   or deleted (table trust_line_changes; a day without any has one row of NULLs)
SELECT b.day,
  {metrics}
FROM {schema}.metrics_blocks b
LEFT JOIN {schema}.trust_line_changes l ON l.ledger_index = b.height AND l.ledger_index >= {from_height}
WHERE b.height >= {from_height} AND b.day >= {from}
GROUP BY 1
