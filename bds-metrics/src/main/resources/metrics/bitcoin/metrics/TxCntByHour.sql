-- id: TxCntByHour
-- name: Transactions by hour
-- unit: transactions
-- source: transaction_hours
-- definition: Non-coinbase transactions in the blocks whose header time falls in each UTC hour of the day (instance
--   00 to 23); an hour without any block has no row.
count(*) FILTER (WHERE NOT t.is_coinbase)
