-- source: pseudo_transactions
-- description: every UTC day with ledgers and its pseudo-transactions (EnableAmendment, SetFee, UNLModify: written by
--   the validators' consensus, signed by no account, no fee), with their Flags (a day without any has one row of NULLs)
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN (
  SELECT CAST(t.close_time AS DATE) AS day, t.type, t.flags
  FROM {schema}.transactions t
  WHERE t.ledger_index >= {from_height} AND t.family = 'pseudo') x ON x.day = d.day
GROUP BY 1
