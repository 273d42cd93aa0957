-- source: address_days
-- description: one row per address and UTC day on which it received or spent an output (helper table m_address_day)
SELECT a.day,
  {metrics}
FROM {schema}.m_address_day a
WHERE a.day >= {from}
GROUP BY 1
