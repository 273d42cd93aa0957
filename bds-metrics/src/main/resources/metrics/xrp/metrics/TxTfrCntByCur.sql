-- id: TxTfrCntByCur
-- name: Issued-currency payments by currency
-- unit: transfers
-- source: delivered_currencies
-- definition: Successful Payments of the day that delivered an issued currency, per currency and issuer (instance:
--   currency.issuer; the currency as stored: a three-letter code or 40 hex digits).
count(*)
