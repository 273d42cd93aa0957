-- id: TxTfrValNtv
-- name: Delivered XRP
-- unit: drops
-- source: transactions
-- definition: Sum of the XRP the successful Payments of the day delivered to their destinations (delivered_amount from the
--   metadata, which for a partial payment may be less than its Amount), in drops. Fees are not included; neither are
--   issued currencies (TxTfrValByCur).
coalesce(sum(t.delivered_drops) FILTER (WHERE t.type = 'Payment' AND t.succeeded), 0)
