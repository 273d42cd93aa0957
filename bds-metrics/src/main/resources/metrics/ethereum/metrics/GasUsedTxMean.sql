-- id: GasUsedTxMean
-- name: Gas used per transaction, mean
-- unit: gas per transaction
-- source: transactions
-- definition: GasUsedTx divided by TxCnt, rounded half up to 10 decimals.
{schema}.m_eth_mean(sum(t.gas_used), count(t.block_number))
