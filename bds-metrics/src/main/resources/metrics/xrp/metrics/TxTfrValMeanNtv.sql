-- id: TxTfrValMeanNtv
-- name: Mean XRP transfer
-- unit: drops per transfer
-- source: transactions
-- definition: TxTfrValNtv divided by TxTfrCnt, computed exactly and rounded half up to 10 decimals; no value on a day without
--   XRP transfers.
{schema}.m_xrp_mean(sum(t.delivered_drops) FILTER (WHERE t.type = 'Payment' AND t.succeeded AND t.delivered_drops > 0),
  count(*) FILTER (WHERE t.type = 'Payment' AND t.succeeded AND t.delivered_drops > 0))
