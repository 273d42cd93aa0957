-- id: TxPmtSuccCnt
-- name: Successful payments
-- unit: transactions
-- source: transactions
-- definition: Payment transactions of the day with result tesSUCCESS.
count(*) FILTER (WHERE t.type = 'Payment' AND t.succeeded)
