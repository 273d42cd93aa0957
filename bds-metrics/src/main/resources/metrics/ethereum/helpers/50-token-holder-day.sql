-- m_eth_token_holder_day: one row per token, holder (their numbers in m_eth_address_id) and UTC day on which the
-- holder sent or received the token, with the holder's balance of it (all token ids together) at the end of that day
-- and at the end of its previous such day; m_eth_token_holder_last: the latest row of each token and holder. Built
-- like m_eth_address_day: appended blocks are merged into the latest rows, a rollback or a full computation rebuilds
-- the days from {from} on. The zero address (the other side of mints and burns) is no holder. Amounts of more than 36
-- digits are not added (a HUGEINT holds 38): the row is marked oversized, and m_eth_token_oversized keeps the first
-- day each token had one, from which on the token's holder figures are left out rather than wrong.
-- m_eth_token_address: the number and address of each token contract met, so that per-token metrics name their
-- instance without reading the whole m_eth_address_id.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_token_holder_day (
  day DATE NOT NULL,
  token INTEGER NOT NULL,
  holder INTEGER NOT NULL,
  sent BOOLEAN NOT NULL,
  received BOOLEAN NOT NULL,
  net HUGEINT NOT NULL,
  balance HUGEINT NOT NULL,
  previous_balance HUGEINT NOT NULL,
  previous_day DATE,
  next_day DATE,
  first_day DATE NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_eth_token_holder_last (
  day DATE NOT NULL,
  token INTEGER NOT NULL,
  holder INTEGER NOT NULL,
  sent BOOLEAN NOT NULL,
  received BOOLEAN NOT NULL,
  net HUGEINT NOT NULL,
  balance HUGEINT NOT NULL,
  previous_balance HUGEINT NOT NULL,
  previous_day DATE,
  next_day DATE,
  first_day DATE NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_eth_token_oversized (
  token INTEGER NOT NULL,
  day DATE NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_eth_token_address (
  id INTEGER NOT NULL,
  address VARCHAR NOT NULL);
-- refresh
DELETE FROM {schema}.m_eth_token_holder_day WHERE NOT {append} AND day >= {from};
DELETE FROM {schema}.m_eth_token_holder_last WHERE NOT {append} AND day >= {from};
DELETE FROM {schema}.m_eth_token_oversized WHERE NOT {append} AND day >= {from};
UPDATE {schema}.m_eth_token_holder_day SET next_day = NULL WHERE NOT {append} AND next_day >= {from};
INSERT INTO {schema}.m_eth_token_holder_last
SELECT DISTINCT ON (t.token, t.holder) t.* FROM {schema}.m_eth_token_holder_day t
WHERE NOT {append} AND NOT EXISTS (
  SELECT 1 FROM {schema}.m_eth_token_holder_last l WHERE l.token = t.token AND l.holder = t.holder)
ORDER BY t.token, t.holder, t.day DESC;
CREATE OR REPLACE TEMP TABLE m_eth_token_moves_day AS
WITH blocks AS (
  SELECT height, day FROM {schema}.metrics_blocks
  WHERE height >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END),
moves AS (
  SELECT b.day, x.token_address, unnest(ARRAY[x.from_address, x.to_address]) AS holder, unnest(ARRAY[true, false]) AS sent,
    x.value_digits AS digits
  FROM {schema}.token_transfers x JOIN blocks b ON b.height = x.block_number
  WHERE x.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END)
SELECT day, token_address, holder, bool_or(sent) AS sent, bool_or(NOT sent) AS received,
  coalesce(sum(CASE WHEN length(digits) <= 36 THEN CAST(digits AS HUGEINT) END * CASE WHEN sent THEN -1 ELSE 1 END), 0) AS net,
  bool_or(length(digits) > 36) AS oversized
FROM moves
WHERE holder <> '0x0000000000000000000000000000000000000000'
GROUP BY day, token_address, holder;
CREATE OR REPLACE TEMP TABLE m_eth_wanted AS
SELECT address, {schema}.m_eth_prefix(address) AS prefix
FROM (SELECT token_address AS address FROM m_eth_token_moves_day UNION SELECT holder FROM m_eth_token_moves_day);
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
INSERT INTO {schema}.m_eth_token_address
SELECT DISTINCT n.id, n.address
FROM m_eth_token_moves_day m JOIN m_eth_number n ON n.address = m.token_address
WHERE n.id NOT IN (SELECT id FROM {schema}.m_eth_token_address);
CREATE OR REPLACE TEMP TABLE m_eth_new_token_holder_day AS
SELECT m.day, k.id AS token, h.id AS holder, m.sent, m.received, m.net, m.oversized
FROM m_eth_token_moves_day m
  JOIN m_eth_number k ON k.address = m.token_address
  JOIN m_eth_number h ON h.address = m.holder;
INSERT INTO {schema}.m_eth_token_oversized
SELECT token, min(day) FROM m_eth_new_token_holder_day
WHERE oversized AND token NOT IN (SELECT token FROM {schema}.m_eth_token_oversized)
GROUP BY token;
CREATE OR REPLACE TEMP TABLE m_eth_prior_token_holder AS
SELECT l.* FROM {schema}.m_eth_token_holder_last l
WHERE EXISTS (SELECT 1 FROM m_eth_new_token_holder_day n WHERE n.token = l.token AND n.holder = l.holder);
DELETE FROM {schema}.m_eth_token_holder_day t
WHERE {append} AND t.day >= {from} AND EXISTS (
  SELECT 1 FROM m_eth_prior_token_holder p WHERE p.day >= {from} AND p.token = t.token AND p.holder = t.holder);
INSERT INTO {schema}.m_eth_token_holder_day
WITH earlier_today AS (
  SELECT day, token, holder, sent, received, net FROM m_eth_prior_token_holder WHERE day >= {from}),
days AS (
  SELECT coalesce(n.day, e.day) AS day, coalesce(n.token, e.token) AS token, coalesce(n.holder, e.holder) AS holder,
    coalesce(n.sent, false) OR coalesce(e.sent, false) AS sent,
    coalesce(n.received, false) OR coalesce(e.received, false) AS received,
    coalesce(n.net, 0) + coalesce(e.net, 0) AS net
  FROM m_eth_new_token_holder_day n FULL OUTER JOIN earlier_today e
    ON e.token = n.token AND e.holder = n.holder AND e.day = n.day),
start AS (
  SELECT token, holder, first_day,
    CASE WHEN day >= {from} THEN previous_balance ELSE balance END AS balance,
    CASE WHEN day >= {from} THEN previous_day ELSE day END AS day
  FROM m_eth_prior_token_holder)
SELECT d.day, d.token, d.holder, d.sent, d.received, d.net,
  coalesce(s.balance, 0) + sum(d.net) OVER w,
  coalesce(s.balance, 0) + sum(d.net) OVER w - d.net,
  coalesce(lag(d.day) OVER w, s.day),
  lead(d.day) OVER w,
  coalesce(s.first_day, first_value(d.day) OVER w)
FROM days d LEFT JOIN start s ON s.token = d.token AND s.holder = d.holder
WINDOW w AS (PARTITION BY d.token, d.holder ORDER BY d.day ROWS UNBOUNDED PRECEDING)
ORDER BY d.day;
DELETE FROM {schema}.m_eth_token_holder_last l
WHERE EXISTS (SELECT 1 FROM m_eth_prior_token_holder p WHERE p.token = l.token AND p.holder = l.holder);
INSERT INTO {schema}.m_eth_token_holder_last
SELECT t.* FROM {schema}.m_eth_token_holder_day t
WHERE NOT {append} AND t.day >= {from} AND t.next_day IS NULL;
INSERT INTO {schema}.m_eth_token_holder_last
SELECT t.* FROM {schema}.m_eth_token_holder_day t
WHERE {append} AND t.day >= {from} AND t.next_day IS NULL
  AND EXISTS (SELECT 1 FROM m_eth_new_token_holder_day n WHERE n.token = t.token AND n.holder = t.holder);
DROP TABLE m_eth_token_moves_day;
DROP TABLE m_eth_wanted;
DROP TABLE m_eth_candidate;
DROP TABLE m_eth_known;
DROP TABLE m_eth_number;
DROP TABLE m_eth_fresh;
DROP TABLE m_eth_new_token_holder_day;
DROP TABLE m_eth_prior_token_holder;
