-- source: sender_windows
-- description: for each UTC day with ledgers, the account-days of the accounts that sent transactions on it and the 29
--   days before (helper m_xrp_sender_day), with the day they belong to
SELECT d.day,
  {metrics}
FROM (SELECT DISTINCT day FROM {schema}.metrics_blocks WHERE height >= {from_height} AND day >= {from}) d
LEFT JOIN {schema}.m_xrp_sender_day s ON s.day > d.day - 30 AND s.day <= d.day AND s.day > {from} - 30
GROUP BY 1
