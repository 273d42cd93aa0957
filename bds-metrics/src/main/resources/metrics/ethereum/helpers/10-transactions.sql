-- m_eth_tx: one row per transaction with its wei amounts read once from their digits into HUGEINT (exact; a value that
-- does not fit is an error, never a rounding), so that the daily sources add numbers instead of parsing text again.
-- Rows are per block: a run deletes and inserts those of the blocks from the lowest changed one on.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_tx (
  block_number BIGINT NOT NULL,
  day DATE NOT NULL,
  hour TINYINT NOT NULL,
  transaction_type INTEGER NOT NULL,
  status INTEGER,
  fee HUGEINT NOT NULL,
  burnt_fee HUGEINT,
  price HUGEINT NOT NULL,
  gas_used BIGINT NOT NULL,
  value HUGEINT NOT NULL,
  blob_count INTEGER NOT NULL,
  blob_fee HUGEINT,
  contract_call BOOLEAN NOT NULL,
  creation BOOLEAN NOT NULL,
  created BOOLEAN NOT NULL);
-- refresh
DELETE FROM {schema}.m_eth_tx WHERE block_number >= {changed_height};
INSERT INTO {schema}.m_eth_tx
SELECT t.block_number, CAST(t.block_timestamp AS DATE), hour(t.block_timestamp), t.transaction_type, t.status,
  CAST(t.fee_digits AS HUGEINT), CAST(t.burnt_fee_digits AS HUGEINT), CAST(t.effective_gas_price_digits AS HUGEINT),
  t.gas_used, CAST(t.value_digits AS HUGEINT), t.blob_count, t.blob_gas_used * CAST(t.blob_gas_price_digits AS HUGEINT),
  -- a call with call data to an existing account: the usual sign of a contract call (a plain payment carries none)
  t.to_address IS NOT NULL AND t.input <> '0x',
  t.to_address IS NULL,
  t.contract_address IS NOT NULL
FROM {schema}.transactions t
WHERE t.block_number >= {changed_height};
