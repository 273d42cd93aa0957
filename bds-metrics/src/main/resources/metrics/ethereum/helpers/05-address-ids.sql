-- m_eth_address_id: a number for every address the metrics meet (balance changes, both ends of transactions and of
-- token transfers, token contracts, created contracts), so that the per-address helpers hold integers instead of
-- 42-character strings: DuckDB groups, joins and writes integers several times faster. The zero address is number 0.
-- contract_day: the first day the address was created as a contract (table contracts), if it was. Numbers are never
-- taken back: an address met only in blocks a reorganisation replaced keeps an unused one.
-- m_eth_seen_id (temporary, for the helpers after this one): the addresses of the blocks the run reads, with numbers.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_address_id (
  address VARCHAR NOT NULL,
  id INTEGER NOT NULL,
  contract_day DATE);
-- refresh
INSERT INTO {schema}.m_eth_address_id
SELECT '0x0000000000000000000000000000000000000000', 0, NULL
WHERE NOT EXISTS (SELECT 1 FROM {schema}.m_eth_address_id WHERE id = 0);
CREATE OR REPLACE TEMP TABLE m_eth_seen_id AS
WITH seen AS (
  SELECT DISTINCT address FROM (
    SELECT address FROM {schema}.balance_changes
    WHERE block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
    UNION ALL
    SELECT from_address FROM {schema}.transactions
    WHERE block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
    UNION ALL
    SELECT coalesce(to_address, contract_address) FROM {schema}.transactions
    WHERE block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
    UNION ALL
    SELECT unnest([token_address, from_address, to_address]) FROM {schema}.token_transfers
    WHERE block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
    UNION ALL
    SELECT address FROM {schema}.contracts
    WHERE block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END)
  WHERE address IS NOT NULL),
known AS (
  SELECT s.address, d.id FROM seen s LEFT JOIN {schema}.m_eth_address_id d ON d.address = s.address)
SELECT address, coalesce(id, (SELECT max(id) FROM {schema}.m_eth_address_id) + row_number() OVER (PARTITION BY id IS NULL)) AS id,
  id IS NULL AS fresh
FROM known;
INSERT INTO {schema}.m_eth_address_id SELECT address, id, NULL FROM m_eth_seen_id WHERE fresh;
UPDATE {schema}.m_eth_address_id SET contract_day = NULL WHERE NOT {append} AND contract_day >= {from};
UPDATE {schema}.m_eth_address_id AS d SET contract_day = c.day
FROM (
  SELECT i.id, min(b.day) AS day
  FROM {schema}.contracts k
  JOIN {schema}.metrics_blocks b ON b.height = k.block_number
  JOIN m_eth_seen_id i ON i.address = k.address
  WHERE k.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
  GROUP BY i.id) c
WHERE d.id = c.id AND (d.contract_day IS NULL OR d.contract_day > c.day);
