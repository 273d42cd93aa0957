-- id: TxCntHour
-- name: Transactions by hour
-- unit: transactions
-- source: transaction_hours
-- definition: Transactions in the blocks of each UTC hour of the day (instance 00 to 23, by block timestamp);
--   every day with blocks has all 24 rows.
count(t.block_number)
