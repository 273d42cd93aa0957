-- m_block_pool: the miner of every block. The pool is the first pool_tags row (by priority) whose coinbase tag occurs
-- in the coinbase input script at a byte boundary; else the first whose address the coinbase pays; else 'unknown'.
-- The miner identity (for counting distinct miners) is the pool, or for an unknown pool the address paid the largest
-- coinbase output (lowest output index on a tie), or none when no coinbase output has an address.
-- Scripts are compared as hex digits: coinbase scripts are arbitrary bytes (not valid UTF-8), and a tag matches only at
-- an even digit offset, that is at a byte boundary.
-- m_at_byte(hex, pattern): whether the hex digits of a pattern occur in a hex text at an even offset.
-- create
-- duckdb only
CREATE OR REPLACE MACRO {schema}.m_at_byte(hex, pattern) AS regexp_matches(hex, '^(..)*?' || pattern);
-- postgresql only
CREATE OR REPLACE FUNCTION {schema}.m_at_byte(hex TEXT, pattern TEXT) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN hex ~ ('^(..)*?' || pattern);
CREATE TABLE IF NOT EXISTS {schema}.m_block_pool (
  height BIGINT NOT NULL,
  day DATE NOT NULL,
  pool VARCHAR NOT NULL,
  payout_address_id BIGINT,
  empty BOOLEAN NOT NULL,
  difficulty DOUBLE NOT NULL,
  revenue BIGINT NOT NULL);
-- refresh
DELETE FROM {schema}.m_block_pool WHERE height >= {changed_height};
INSERT INTO {schema}.m_block_pool
WITH b AS (
  SELECT height, CAST(time AS DATE) AS day, first_tx_id, tx_count, difficulty, coinbase_value,
    hex(coinbase_data) AS script
  FROM {schema}.blocks WHERE height >= {changed_height}),
tags AS (
  SELECT priority, pool, hex(pattern) AS pattern FROM {schema}.m_ref_pool_tags
  WHERE kind = 'coinbase_tag' AND pattern <> ''
    AND (chains = '' OR ',' || chains || ',' LIKE '%,{schema},%')),
candidates AS MATERIALIZED (
  SELECT b.height, b.script, t.pattern, t.pool, t.priority FROM b JOIN tags t ON contains(b.script, t.pattern)),
tagged AS (
  SELECT height, (array_agg(pool ORDER BY priority))[1] AS pool FROM candidates
  WHERE {schema}.m_at_byte(script, pattern) GROUP BY height),
payouts AS (
  SELECT o.block_height AS height, o.address_id, o.value, o.vout
  FROM {schema}.tx_outputs o JOIN b ON o.tx_id = b.first_tx_id
  WHERE o.block_height >= {changed_height} AND o.address_id IS NOT NULL),
by_address AS (
  SELECT p.height, (array_agg(a.pool ORDER BY a.priority))[1] AS pool
  FROM payouts p JOIN {schema}.m_pool_address a ON a.address_id = p.address_id GROUP BY p.height),
largest AS (
  SELECT height, (array_agg(address_id ORDER BY value DESC, vout))[1] AS address_id FROM payouts GROUP BY height)
SELECT b.height, b.day, coalesce(t.pool, a.pool, 'unknown'), l.address_id, b.tx_count = 1, b.difficulty,
  b.coinbase_value
FROM b
LEFT JOIN tagged t ON t.height = b.height
LEFT JOIN by_address a ON a.height = b.height
LEFT JOIN largest l ON l.height = b.height;
