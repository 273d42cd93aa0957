-- id: TxPmtXCurCnt
-- name: Cross-currency payments
-- unit: transactions
-- source: transactions
-- definition: Successful Payments whose SendMax is in another currency code than their Amount (XRP counting as a code): the
--   sender paid in one currency and the destination got another, converted through the DEX or an AMM. Payments of
--   one code between issuers (rippling) are not counted.
count(*) FILTER (WHERE t.type = 'Payment' AND t.succeeded AND t.send_max_currency <> t.amount_currency)
