-- id: TxTfrCnt
-- name: XRP transfers
-- unit: transfers
-- source: transactions
-- definition: Successful Payments that delivered XRP (delivered_drops above 0). A Payment moves value between two distinct
--   accounts (the network refuses an XRP payment to oneself); the fee, escrows, channels and check cashes are not
--   counted.
count(*) FILTER (WHERE t.type = 'Payment' AND t.succeeded AND t.delivered_drops > 0)
