-- id: TxPmtCnt
-- name: Payments
-- unit: transactions
-- source: transactions
-- definition: Payment transactions of the day, failed (tec) ones included, whatever they deliver (XRP or an issued currency).
count(*) FILTER (WHERE t.type = 'Payment')
