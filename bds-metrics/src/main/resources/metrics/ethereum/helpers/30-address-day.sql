-- m_eth_address_day: one row per address and UTC day on which it was active or its native balance changed, with its
-- balance at the end of that day and at the end of its previous such day; m_eth_address_last: the latest row of each
-- address (its state now). Appended blocks are merged into the latest rows, so that a new block costs what it holds; a
-- rollback or a full computation rebuilds the days from {from} on.
--
-- Active means a ledger change the address originated or received, as AdrActCnt defines it: sent = paid a fee, sent
-- value, or sent a transaction (failed ones too); received = got value, a fee share, a reward or a withdrawal, or was
-- the recipient of a transaction (failed ones too). An opening balance (state before the synced range) is not
-- activity. Balances are HUGEINT sums of balance_changes: exact, and an overflow is an error, never a wrap.
-- level is the balance's place on a logarithmic scale (four steps per power of two): top-N sums use it to reach the
-- few addresses near their cut-off without sorting every address of every day.
-- next_day is exact for the rows of the days a run writes; rows of earlier days keep the value they were written with.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_address_day (
  day DATE NOT NULL,
  address VARCHAR NOT NULL,
  sent BOOLEAN NOT NULL,
  received BOOLEAN NOT NULL,
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
  address VARCHAR NOT NULL,
  sent BOOLEAN NOT NULL,
  received BOOLEAN NOT NULL,
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
SELECT a.* FROM {schema}.m_eth_address_day a
WHERE NOT {append} AND a.address NOT IN (SELECT address FROM {schema}.m_eth_address_last)
QUALIFY row_number() OVER (PARTITION BY a.address ORDER BY a.day DESC) = 1;
CREATE OR REPLACE TEMP TABLE m_eth_new_address_day AS
WITH blocks AS (
  SELECT number, CAST("timestamp" AS DATE) AS day, hour("timestamp") AS hour
  FROM {schema}.blocks
  WHERE number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END),
moves AS (
  SELECT b.day, b.hour, c.address, CAST(c.delta_digits AS HUGEINT) AS delta,
    c.kind <> 'opening' AND starts_with(c.delta_digits, '-') AS sent,
    c.kind <> 'opening' AND NOT starts_with(c.delta_digits, '-') AS received
  FROM {schema}.balance_changes c JOIN blocks b ON b.number = c.block_number
  WHERE c.block_number >= CASE WHEN {append} THEN {changed_height} ELSE {from_height} END
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
CREATE OR REPLACE TEMP TABLE m_eth_prior_address AS
SELECT l.* FROM {schema}.m_eth_address_last l
WHERE l.address IN (SELECT address FROM m_eth_new_address_day);
DELETE FROM {schema}.m_eth_address_day
WHERE day >= {from} AND address IN (SELECT address FROM m_eth_prior_address WHERE day >= {from});
INSERT INTO {schema}.m_eth_address_day
WITH earlier_today AS (
  SELECT day, address, sent, received, hours, net FROM m_eth_prior_address WHERE day >= {from}),
days AS (
  SELECT coalesce(n.day, e.day) AS day, coalesce(n.address, e.address) AS address,
    coalesce(n.sent, false) OR coalesce(e.sent, false) AS sent,
    coalesce(n.received, false) OR coalesce(e.received, false) AS received,
    coalesce(n.hours, 0) | coalesce(e.hours, 0) AS hours,
    coalesce(n.net, 0) + coalesce(e.net, 0) AS net
  FROM m_eth_new_address_day n FULL OUTER JOIN earlier_today e ON e.address = n.address AND e.day = n.day),
start AS (
  SELECT address, first_day,
    CASE WHEN day >= {from} THEN previous_balance ELSE balance END AS balance,
    CASE WHEN day >= {from} THEN previous_day ELSE day END AS day
  FROM m_eth_prior_address),
chained AS (
  SELECT d.day, d.address, d.sent, d.received, d.hours, d.net,
    coalesce(s.balance, 0) + sum(d.net) OVER w AS balance,
    coalesce(lag(d.day) OVER w, s.day) AS previous_day,
    lead(d.day) OVER w AS next_day,
    coalesce(s.first_day, min(d.day) OVER (PARTITION BY d.address)) AS first_day
  FROM days d LEFT JOIN start s ON s.address = d.address
  WINDOW w AS (PARTITION BY d.address ORDER BY d.day ROWS UNBOUNDED PRECEDING))
SELECT day, address, sent, received, hours, net, balance, balance - net,
  {schema}.m_eth_level(balance),
  {schema}.m_eth_level(balance - net),
  previous_day, next_day, first_day
FROM chained;
DELETE FROM {schema}.m_eth_address_last WHERE address IN (SELECT address FROM m_eth_prior_address);
INSERT INTO {schema}.m_eth_address_last
SELECT a.* FROM {schema}.m_eth_address_day a
WHERE a.day >= {from} AND a.next_day IS NULL
  AND (NOT {append} OR a.address IN (SELECT address FROM m_eth_new_address_day));
DROP TABLE m_eth_new_address_day;
DROP TABLE m_eth_prior_address;
