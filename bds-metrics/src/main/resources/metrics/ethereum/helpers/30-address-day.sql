-- m_eth_address_day: one row per address (its number in m_eth_address_id) and UTC day on which it was active or its
-- native balance changed, with its balance at the end of that day and at the end of its previous such day;
-- m_eth_address_last: the latest row of each address (its state now). Appended blocks are merged into the latest rows,
-- so that a new block costs what it holds; a rollback or a full computation rebuilds the days from {from} on.
--
-- Active means a ledger change the address originated or received, as AdrActCnt defines it: sent = paid a fee, sent
-- value, or sent a transaction (failed ones too); received = got value, a fee share, a reward or a withdrawal, or was
-- the recipient of a transaction (failed ones too). An opening balance (state before the synced range) is not
-- activity, and the zero address is never active (its balance is kept). Balances are HUGEINT sums of
-- balance_changes: exact, and an overflow is an error, never a wrap.
-- contract: the address was created as a contract (m_eth_address_id.contract_day) on or before the day.
-- level: the balance's place on a logarithmic scale (m_eth_level), with which top-N sums reach the few addresses near
-- their cut-off without sorting every address of every day.
-- next_day is exact for the rows of the days a run writes; rows of earlier days keep the value they were written with.
-- Rows are written in day order, so that a run reading the days from {from} on skips the earlier row groups.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_address_day (
  day DATE NOT NULL,
  id INTEGER NOT NULL,
  sent BOOLEAN NOT NULL,
  received BOOLEAN NOT NULL,
  contract BOOLEAN NOT NULL,
  hours INTEGER NOT NULL,
  net HUGEINT NOT NULL,
  balance HUGEINT NOT NULL,
  previous_balance HUGEINT NOT NULL,
  level SMALLINT,
  previous_level SMALLINT,
  previous_day DATE,
  next_day DATE,
  first_day DATE NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_eth_address_last (
  day DATE NOT NULL,
  id INTEGER NOT NULL,
  sent BOOLEAN NOT NULL,
  received BOOLEAN NOT NULL,
  contract BOOLEAN NOT NULL,
  hours INTEGER NOT NULL,
  net HUGEINT NOT NULL,
  balance HUGEINT NOT NULL,
  previous_balance HUGEINT NOT NULL,
  level SMALLINT,
  previous_level SMALLINT,
  previous_day DATE,
  next_day DATE,
  first_day DATE NOT NULL);
-- refresh
DELETE FROM {schema}.m_eth_address_day WHERE NOT {append} AND day >= {from};
DELETE FROM {schema}.m_eth_address_last WHERE NOT {append} AND day >= {from};
UPDATE {schema}.m_eth_address_day SET next_day = NULL WHERE NOT {append} AND next_day >= {from};
INSERT INTO {schema}.m_eth_address_last
SELECT DISTINCT ON (a.id) a.* FROM {schema}.m_eth_address_day a
WHERE NOT {append} AND a.id NOT IN (SELECT id FROM {schema}.m_eth_address_last)
ORDER BY a.id, a.day DESC;
CREATE OR REPLACE TEMP TABLE m_eth_moves_day AS
WITH blocks AS (
  SELECT number, CAST("timestamp" AS DATE) AS day, hour("timestamp") AS hour
  FROM {schema}.blocks
  WHERE number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END),
moves AS (
  SELECT b.day, b.hour, c.address, CAST(c.delta_digits AS HUGEINT) AS delta,
    c.kind <> 'opening' AND starts_with(c.delta_digits, '-') AS sent,
    c.kind <> 'opening' AND NOT starts_with(c.delta_digits, '-') AS received
  FROM {schema}.balance_changes c JOIN blocks b ON b.number = c.block_number
  WHERE c.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END AND c.kind <> 'miner_fee'
  UNION ALL
  -- the fee recipient's share of each fee, added up per block first: one row per block instead of one per
  -- transaction goes into the large grouping below
  SELECT b.day, b.hour, c.address, sum(CAST(c.delta_digits AS HUGEINT)), false, true
  FROM {schema}.balance_changes c JOIN blocks b ON b.number = c.block_number
  WHERE c.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END AND c.kind = 'miner_fee'
  GROUP BY c.block_number, b.day, b.hour, c.address
  UNION ALL
  -- senders of transactions that paid no fee (every other sender has a fee row above)
  SELECT CAST(t.block_timestamp AS DATE), hour(t.block_timestamp), t.from_address, 0, true, false
  FROM {schema}.transactions t
  WHERE t.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END AND t.fee_digits = '0'
  UNION ALL
  -- recipients no value row names: of failed transactions and of those that moved no value
  SELECT CAST(t.block_timestamp AS DATE), hour(t.block_timestamp), coalesce(t.to_address, t.contract_address), 0, false, true
  FROM {schema}.transactions t
  WHERE t.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
    AND (t.value_digits = '0' OR t.status IS DISTINCT FROM 1) AND coalesce(t.to_address, t.contract_address) IS NOT NULL)
SELECT day, address, bool_or(sent) AS sent, bool_or(received) AS received,
  CAST(coalesce(bit_or(CAST(1 AS BIGINT) << hour) FILTER (WHERE sent OR received), 0) AS INTEGER) AS hours,
  sum(delta) AS net
FROM moves
GROUP BY day, address;
CREATE OR REPLACE TEMP TABLE m_eth_wanted AS
SELECT address, {schema}.m_eth_prefix(address) AS prefix
FROM (
  SELECT address FROM m_eth_moves_day
  UNION
  SELECT address FROM {schema}.contracts
  WHERE block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END);
CREATE OR REPLACE TEMP TABLE m_eth_candidate AS
SELECT w.address AS wanted, d.address AS found, d.id
FROM m_eth_wanted w JOIN {schema}.m_eth_address_id d ON d.prefix = w.prefix;
CREATE OR REPLACE TEMP TABLE m_eth_known AS
SELECT wanted AS address, id FROM m_eth_candidate WHERE wanted = found;
CREATE OR REPLACE TEMP TABLE m_eth_fresh AS
SELECT w.address, w.prefix, (SELECT max(id) FROM {schema}.m_eth_address_id) + row_number() OVER () AS id
FROM m_eth_wanted w WHERE w.address NOT IN (SELECT address FROM m_eth_known);
INSERT INTO {schema}.m_eth_address_id SELECT address, id, prefix, NULL FROM m_eth_fresh;
-- one statement per temporary table: in DuckDB 1.4 rows inserted into a temporary table created in the same
-- transaction by a query that returned none can be lost
CREATE OR REPLACE TEMP TABLE m_eth_number AS
SELECT address, id FROM m_eth_known UNION ALL SELECT address, id FROM m_eth_fresh;
UPDATE {schema}.m_eth_address_id AS d SET contract_day = c.day
FROM (
  SELECT n.id, min(b.day) AS day
  FROM {schema}.contracts k
  JOIN {schema}.metrics_blocks b ON b.height = k.block_number
  JOIN m_eth_number n ON n.address = k.address
  WHERE k.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
  GROUP BY n.id) c
WHERE d.id = c.id AND (d.contract_day IS NULL OR d.contract_day > c.day);
CREATE OR REPLACE TEMP TABLE m_eth_new_address_day AS
SELECT m.day, n.id, m.sent AND n.id <> 0 AS sent, m.received AND n.id <> 0 AS received,
  CASE WHEN n.id <> 0 THEN m.hours ELSE 0 END AS hours, m.net
FROM m_eth_moves_day m JOIN m_eth_number n ON n.address = m.address;
CREATE OR REPLACE TEMP TABLE m_eth_prior_address AS
SELECT l.* FROM {schema}.m_eth_address_last l WHERE EXISTS (SELECT 1 FROM m_eth_new_address_day n WHERE n.id = l.id);
DELETE FROM {schema}.m_eth_address_day
WHERE {append} AND day >= {from} AND id IN (SELECT id FROM m_eth_prior_address WHERE day >= {from});
INSERT INTO {schema}.m_eth_address_day
WITH earlier_today AS (
  SELECT day, id, sent, received, hours, net FROM m_eth_prior_address WHERE day >= {from}),
days AS (
  SELECT coalesce(n.day, e.day) AS day, coalesce(n.id, e.id) AS id,
    coalesce(n.sent, false) OR coalesce(e.sent, false) AS sent,
    coalesce(n.received, false) OR coalesce(e.received, false) AS received,
    coalesce(n.hours, 0) | coalesce(e.hours, 0) AS hours,
    coalesce(n.net, 0) + coalesce(e.net, 0) AS net
  FROM m_eth_new_address_day n FULL OUTER JOIN earlier_today e ON e.id = n.id AND e.day = n.day),
start AS (
  SELECT id, first_day,
    CASE WHEN day >= {from} THEN previous_balance ELSE balance END AS balance,
    CASE WHEN day >= {from} THEN previous_day ELSE day END AS day
  FROM m_eth_prior_address),
chained AS (
  SELECT d.day, d.id, d.sent, d.received, coalesce(k.contract_day <= d.day, false) AS contract, d.hours, d.net,
    coalesce(s.balance, 0) + sum(d.net) OVER w AS balance,
    coalesce(lag(d.day) OVER w, s.day) AS previous_day,
    lead(d.day) OVER w AS next_day,
    coalesce(s.first_day, first_value(d.day) OVER w) AS first_day
  FROM days d
    LEFT JOIN start s ON s.id = d.id
    LEFT JOIN (SELECT id, contract_day FROM {schema}.m_eth_address_id WHERE contract_day IS NOT NULL) k ON k.id = d.id
  WINDOW w AS (PARTITION BY d.id ORDER BY d.day ROWS UNBOUNDED PRECEDING))
SELECT day, id, sent, received, contract, hours, net, balance, balance - net,
  {schema}.m_eth_level(balance), {schema}.m_eth_level(balance - net), previous_day, next_day, first_day
FROM chained
ORDER BY day;
DELETE FROM {schema}.m_eth_address_last WHERE id IN (SELECT id FROM m_eth_prior_address);
INSERT INTO {schema}.m_eth_address_last
SELECT a.* FROM {schema}.m_eth_address_day a
WHERE NOT {append} AND a.day >= {from} AND a.next_day IS NULL;
INSERT INTO {schema}.m_eth_address_last
SELECT a.* FROM {schema}.m_eth_address_day a
WHERE {append} AND a.day >= {from} AND a.next_day IS NULL AND a.id IN (SELECT id FROM m_eth_new_address_day);
DROP TABLE m_eth_moves_day;
DROP TABLE m_eth_wanted;
DROP TABLE m_eth_candidate;
DROP TABLE m_eth_known;
DROP TABLE m_eth_number;
DROP TABLE m_eth_fresh;
DROP TABLE m_eth_new_address_day;
DROP TABLE m_eth_prior_address;
