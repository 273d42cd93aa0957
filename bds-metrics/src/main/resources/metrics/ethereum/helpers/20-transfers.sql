-- m_eth_transfer: one row per movement of native value and per contract creation, as balance_changes books them:
-- every call, create and self-destruct frame of the traces that did not revert (CALLCODE, DELEGATECALL and STATICCALL
-- move nothing to another account; reward traces are issuance, not transfers), and in a block without traces the
-- top-level value of its successful transactions. Rows are per block, refreshed from the lowest changed block on.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_transfer (
  block_number BIGINT NOT NULL,
  day DATE NOT NULL,
  value HUGEINT NOT NULL,
  internal BOOLEAN NOT NULL,
  between_distinct BOOLEAN NOT NULL,
  creation BOOLEAN NOT NULL);
-- refresh
DELETE FROM {schema}.m_eth_transfer WHERE block_number >= {changed_height};
INSERT INTO {schema}.m_eth_transfer
SELECT r.block_number, b.day, CAST(r.value_digits AS HUGEINT), r.depth > 0, r.from_address IS DISTINCT FROM r.to_address,
  r.trace_type = 'create'
FROM {schema}.traces r JOIN {schema}.metrics_blocks b ON b.height = r.block_number
WHERE r.block_number >= {changed_height} AND b.height >= {changed_height} AND NOT r.reverted
  AND (r.trace_type = 'create'
    OR (r.value_digits <> '0' AND (r.trace_type = 'suicide' OR (r.trace_type = 'call' AND coalesce(r.call_type, 'call') = 'call'))))
UNION ALL
SELECT t.block_number, CAST(t.block_timestamp AS DATE), CAST(t.value_digits AS HUGEINT), false,
  t.from_address IS DISTINCT FROM coalesce(t.to_address, t.contract_address), t.contract_address IS NOT NULL
FROM {schema}.transactions t
WHERE t.block_number >= {changed_height} AND coalesce(t.status, 1) = 1
  AND (t.value_digits <> '0' OR t.contract_address IS NOT NULL)
  AND t.block_number NOT IN (SELECT DISTINCT block_number FROM {schema}.traces WHERE block_number >= {changed_height});
