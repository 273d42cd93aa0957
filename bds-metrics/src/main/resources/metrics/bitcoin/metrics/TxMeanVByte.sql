-- id: TxMeanVByte
-- name: Transaction virtual size, mean
-- unit: virtual bytes per transaction
-- source: transactions
-- definition: Mean virtual size (BIP141 weight divided by 4, rounded up) of the day's non-coinbase transactions;
--   equal to TxMeanByte on chains without segregated witness.
avg(t.vsize) FILTER (WHERE NOT t.is_coinbase)
