-- source: delivered_currencies
-- instanced: yes
-- description: the successful Payments of each UTC day that delivered an issued currency, per currency and issuer
--   (instance: currency.issuer, e.g. USD.rvYAfWj5gh67oV6fW32ZzP3Aw4Eubs59B), with the delivered amount as exact text
--   and whether it fits the stored values' DECIMAL(38,10) sum (at most 18 digits before the decimal point)
SELECT p.day, p.instance,
  {metrics}
FROM (
  SELECT CAST(t.close_time AS DATE) AS day, t.delivered_currency || '.' || t.delivered_issuer AS instance, t.delivered_value,
    length(split_part(t.delivered_value, '.', 1)) <= 18 AS fits
  FROM {schema}.transactions t
  WHERE t.ledger_index >= {from_height} AND t.type = 'Payment' AND t.succeeded AND t.delivered_issuer IS NOT NULL) p
WHERE p.day >= {from}
GROUP BY 1, 2
