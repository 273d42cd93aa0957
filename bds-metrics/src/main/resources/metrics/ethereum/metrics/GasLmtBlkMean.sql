-- id: GasLmtBlkMean
-- name: Block gas limit, mean
-- unit: gas
-- source: blocks
-- definition: Mean gas limit of the day's blocks, rounded half up to 10 decimals.
{schema}.m_eth_mean(sum(k.gas_limit), count(*))
