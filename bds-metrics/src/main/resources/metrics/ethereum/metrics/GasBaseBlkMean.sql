-- id: GasBaseBlkMean
-- name: Base fee, mean
-- unit: wei per gas
-- source: blocks
-- definition: Mean EIP-1559 base fee per gas of the day's blocks that have one, rounded half up to 10 decimals;
--   no value on a day none of whose blocks has a base fee (before London, and on ETC).
{schema}.m_eth_mean(sum(k.base_fee), count(k.base_fee))
