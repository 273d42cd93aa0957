-- id: GasPriceMean
-- name: Gas price, mean
-- unit: wei per gas
-- source: transactions
-- definition: Mean effective gas price (what each transaction paid per gas, tip included) over the day's
--   transactions, each transaction weighing the same; rounded half up to 10 decimals.
{schema}.m_eth_mean(sum(t.price), count(t.block_number))
