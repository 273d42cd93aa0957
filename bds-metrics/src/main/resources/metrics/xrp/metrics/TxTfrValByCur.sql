-- id: TxTfrValByCur
-- name: Delivered value by currency
-- unit: currency units
-- source: delivered_currencies
-- definition: Sum of the issued-currency amounts the successful Payments of the day delivered (delivered_amount), per currency
--   and issuer (instance: currency.issuer), in that currency's units. Summed as DECIMAL(38,10): exact for amounts of
--   up to 10 decimals, an amount with more is rounded half away from zero at the 10th before it is added (a stored
--   value keeps 10). Amounts of 10^18 or more, which that sum cannot hold, are left out (no value when every amount
--   of the day is).
sum(CAST(p.delivered_value AS DECIMAL(38,10))) FILTER (WHERE p.fits)
