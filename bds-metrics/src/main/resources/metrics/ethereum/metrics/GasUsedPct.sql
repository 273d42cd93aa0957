-- id: GasUsedPct
-- name: Gas utilisation
-- unit: percent
-- source: blocks
-- definition: Gas used by the day's blocks as a percentage of their gas limits: 100 * sum(gas used) / sum(gas
--   limit), rounded half up to 10 decimals.
{schema}.m_eth_mean(100 * sum(k.gas_used), sum(k.gas_limit))
