-- m_output_created and m_output_spent: outputs made per UTC day, and outputs spent per UTC day by the day they were
-- made, each split by whether a coinbase made them. A matrix of days by days is all the supply, UTXO-age and
-- active-supply metrics need. Like a node's UTXO set (gettxoutsetinfo), it leaves out OP_RETURN outputs, which can
-- never be spent, and the genesis block's coinbase output, which nodes never add to the set. Spends of outputs the
-- warehouse does not hold (value unknown) are left out.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_output_created (
  day DATE NOT NULL,
  coinbase BOOLEAN NOT NULL,
  outputs BIGINT NOT NULL,
  value HUGEINT NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_output_spent (
  spent_day DATE NOT NULL,
  created_day DATE NOT NULL,
  coinbase BOOLEAN NOT NULL,
  outputs BIGINT NOT NULL,
  value HUGEINT NOT NULL);
-- refresh
DELETE FROM {schema}.m_output_created WHERE day >= {from};
INSERT INTO {schema}.m_output_created
SELECT CAST(b.time AS DATE), o.tx_id = b.first_tx_id, count(*), sum(o.value)
FROM {schema}.tx_outputs o JOIN {schema}.blocks b ON b.height = o.block_height AND b.height >= {from_height}
WHERE o.block_height >= {from_height} AND CAST(b.time AS DATE) >= {from} AND o.script_type <> 'op_return'
  AND NOT (o.block_height = 0 AND o.tx_id = b.first_tx_id)
GROUP BY 1, 2;
DELETE FROM {schema}.m_output_spent WHERE spent_day >= {from};
INSERT INTO {schema}.m_output_spent
SELECT CAST(s.time AS DATE), CAST(c.time AS DATE), i.spent_tx_id = c.first_tx_id, count(*), sum(i.value)
FROM {schema}.tx_inputs i
JOIN {schema}.blocks s ON s.height = i.block_height AND s.height >= {from_height}
JOIN {schema}.blocks c ON c.height = i.spent_block_height
WHERE i.block_height >= {from_height} AND CAST(s.time AS DATE) >= {from} AND NOT i.is_coinbase AND i.value IS NOT NULL
  AND NOT (i.spent_block_height = 0 AND i.spent_tx_id = c.first_tx_id)
GROUP BY 1, 2, 3;
