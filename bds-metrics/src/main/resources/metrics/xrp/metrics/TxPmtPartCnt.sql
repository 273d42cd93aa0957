-- id: TxPmtPartCnt
-- name: Partial payments
-- unit: transactions
-- source: transactions
-- definition: Successful Payments with the tfPartialPayment flag: they may deliver less than their Amount (what they delivered
--   is in TxTfrValNtv / TxTfrValByCur). Failed ones are not counted.
count(*) FILTER (WHERE t.type = 'Payment' AND t.succeeded AND t.partial)
