-- Address activity, kept per block so that a new block is worked out on its own: for every block (for blocks older
-- than the last 1,000, every UTC hour), what the activity of its addresses adds to the day's metrics (m_address_block); the events, dated, that open and close
-- trailing activity windows and dormancy periods (m_address_events, by the day that generated them); and the state
-- of every funded address (m_address_state: balance, last activity, last receipt and spend days, first day).
--
-- How: the inputs and outputs with a single address are ordered per address (by transaction; within one, spends
-- before receipts) behind one "seed" row holding the address's state before the first changed block, taken from
-- m_address_state or, for an address not kept there, summed from the base tables. So every row knows the address's
-- previous activity: a metric that counts an address once per day counts it at its first row that day, and balance
-- metrics add, per row, the change of "balance at least X" (which telescopes to the day's net change). Outputs
-- without a single address (bare multisig, OP_RETURN, non-standard) belong to no address; a spent output of unknown
-- value counts as zero.
--
-- m_address_state keeps every address with a balance, and the addresses emptied by the last 1,000 blocks (at zero) so
-- that a rollback finds them. Rollback: the rows of blocks from the first changed one on are dropped and worked out
-- again, and the state of the addresses those blocks changed is summed again from the base tables; deeper changes
-- recompute everything (family.sql).
--
-- On PostgreSQL, the per-block lists are JSON: maps as objects (key → count), self_change as [tx_id, vout] pairs,
-- last_states as objects; its statements that differ follow DuckDB's, marked "postgresql only".
-- create
-- duckdb only
CREATE TABLE IF NOT EXISTS {schema}.m_address_block (
  height BIGINT NOT NULL,
  day DATE NOT NULL,
  active INTEGER NOT NULL,
  active_sent INTEGER NOT NULL,
  active_received INTEGER NOT NULL,
  new INTEGER NOT NULL,
  new_funded INTEGER NOT NULL,
  funded INTEGER NOT NULL,
  revived INTEGER NOT NULL,
  month_active INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  hour_active INTEGER NOT NULL,
  recent_gaps MAP(INTEGER, UBIGINT),
  older_cohorts MAP(DATE, UBIGINT),
  dormancy_opened INTEGER NOT NULL,
  dormancy_ended INTEGER NOT NULL,
  dormancy_cancelled_same_day INTEGER NOT NULL,
  dormancy_cancelled MAP(INTEGER, UBIGINT),
  threshold_addresses BIGINT[] NOT NULL,
  threshold_supply HUGEINT[] NOT NULL,
  self_change STRUCT(tx_id BIGINT, vout INTEGER)[],
  last_states STRUCT(address_id BIGINT, balance BIGINT, height BIGINT, last_day DATE, last_hour INTEGER,
    last_receipt_day DATE, last_spend_day DATE, first_day DATE)[]);
-- postgresql only
CREATE TABLE IF NOT EXISTS {schema}.m_address_block (
  height BIGINT NOT NULL,
  day DATE NOT NULL,
  active INTEGER NOT NULL,
  active_sent INTEGER NOT NULL,
  active_received INTEGER NOT NULL,
  new INTEGER NOT NULL,
  new_funded INTEGER NOT NULL,
  funded INTEGER NOT NULL,
  revived INTEGER NOT NULL,
  month_active INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  hour_active INTEGER NOT NULL,
  recent_gaps JSONB,
  older_cohorts JSONB,
  dormancy_opened INTEGER NOT NULL,
  dormancy_ended INTEGER NOT NULL,
  dormancy_cancelled_same_day INTEGER NOT NULL,
  dormancy_cancelled JSONB,
  threshold_addresses BIGINT[] NOT NULL,
  threshold_supply HUGEINT[] NOT NULL,
  self_change JSONB,
  last_states JSONB);
CREATE TABLE IF NOT EXISTS {schema}.m_address_events (
  generated_day DATE NOT NULL,
  event_day DATE NOT NULL,
  kind VARCHAR NOT NULL,
  delta BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_address_state (
  address_id BIGINT NOT NULL,
  balance BIGINT NOT NULL,
  height BIGINT NOT NULL,
  last_day DATE NOT NULL,
  last_hour INTEGER NOT NULL,
  last_receipt_day DATE,
  last_spend_day DATE,
  first_day DATE NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_address_months (
  month DATE NOT NULL,
  new BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS {schema}.m_address_bands (
  band INTEGER NOT NULL,
  addresses BIGINT NOT NULL);
-- postgresql only
-- (PostgreSQL finds a block's addresses and rows through indexes; DuckDB skips row groups by their ranges)
CREATE INDEX IF NOT EXISTS m_address_state_address ON {schema}.m_address_state (address_id);
-- postgresql only
CREATE INDEX IF NOT EXISTS m_address_state_height ON {schema}.m_address_state (height);
-- postgresql only
CREATE INDEX IF NOT EXISTS m_address_block_height ON {schema}.m_address_block (height);
-- refresh
-- A new block touches a few hundred addresses out of millions. Looked up through a hash join, their rows would be
-- found by reading every address id; DuckDB pushes a join's keys into the scan as a filter only up to this many keys.
SET dynamic_or_filter_threshold = 50000;
-- The state of addresses a block from the first changed one on changed, summed again from the base tables (the
-- blocks themselves may be gone).
CREATE OR REPLACE TEMP TABLE m_stale_addresses AS
SELECT address_id FROM {schema}.m_address_state WHERE height >= {changed_height};
-- m_address_bands counts the funded addresses by balance band (a 64th of a doubling): every change of
-- m_address_state below is recorded in m_band_changes first, so that the richest addresses are found without sorting
-- every balance (source address_top).
CREATE OR REPLACE TEMP TABLE m_band_changes AS
SELECT CAST(floor(64 * log2(balance)) AS INTEGER) AS band, -count(*) AS addresses
FROM {schema}.m_address_state WHERE height >= {changed_height} AND balance > 0 GROUP BY 1;
DELETE FROM {schema}.m_address_state WHERE height >= {changed_height};
CREATE OR REPLACE TEMP TABLE m_history AS
SELECT address_id, sum(delta) AS balance, max(h) AS last_h, max(h) FILTER (WHERE side = 1) AS last_out_h,
  max(h) FILTER (WHERE side = 0) AS last_in_h, min(h) AS first_h
FROM (
  SELECT o.address_id, o.value AS delta, o.block_height AS h, 1 AS side FROM {schema}.tx_outputs o
  WHERE o.block_height < {changed_height} AND o.address_id IN (SELECT address_id FROM m_stale_addresses)
  UNION ALL
  SELECT i.address_id, -coalesce(i.value, 0), i.block_height, 0 FROM {schema}.tx_inputs i
  WHERE i.block_height < {changed_height} AND i.address_id IN (SELECT address_id FROM m_stale_addresses))
GROUP BY address_id;
INSERT INTO {schema}.m_address_state
WITH hb AS (
  -- (only the blocks named: joined whole, the blocks table would be hashed four times even when nothing is stale)
  SELECT height, CAST(time AS DATE) AS day, CAST(hour(time) AS INTEGER) AS hr FROM {schema}.blocks
  WHERE height IN (SELECT unnest(ARRAY[last_h, first_h, last_out_h, last_in_h]) FROM m_history))
SELECT h.address_id, h.balance, h.last_h, lb.day, lb.hr, lo.day, li.day, fb.day
FROM m_history h
JOIN hb lb ON lb.height = h.last_h JOIN hb fb ON fb.height = h.first_h
LEFT JOIN hb lo ON lo.height = h.last_out_h LEFT JOIN hb li ON li.height = h.last_in_h;
INSERT INTO m_band_changes
SELECT CAST(floor(64 * log2(balance)) AS INTEGER), count(*) FROM {schema}.m_address_state
WHERE address_id IN (SELECT address_id FROM m_stale_addresses) AND balance > 0 GROUP BY 1;
DELETE FROM {schema}.m_address_block WHERE height >= {changed_height};
-- The addresses of the changed blocks and their state before them, as small tables: planned from a CTE, DuckDB would
-- not know they are small and would hash the whole outputs table instead. The state comes from m_address_state:
-- addresses not kept there (never seen, or emptied long ago) are summed from the base tables, which is cheap for
-- them: an often-used address stays in m_address_state.
CREATE OR REPLACE TEMP TABLE m_touched_addresses AS
SELECT DISTINCT address_id FROM (
  SELECT address_id FROM {schema}.tx_outputs WHERE block_height >= {changed_height} AND address_id IS NOT NULL
  UNION ALL
  SELECT address_id FROM {schema}.tx_inputs WHERE block_height >= {changed_height} AND address_id IS NOT NULL)
WHERE {changed_height} > 0;
CREATE OR REPLACE TEMP TABLE m_address_seeds AS
SELECT address_id, balance, last_day, last_hour, last_receipt_day, last_spend_day, first_day
FROM {schema}.m_address_state WHERE address_id IN (SELECT address_id FROM m_touched_addresses);
-- (addresses first seen in the changed blocks have no history: ids are given in order of first appearance)
CREATE OR REPLACE TEMP TABLE m_unknown_addresses AS
SELECT address_id FROM m_touched_addresses
WHERE address_id < (
  SELECT coalesce(min(address_id), 9223372036854775807) FROM {schema}.address_dictionary
  WHERE first_height >= {changed_height})
EXCEPT SELECT address_id FROM m_address_seeds;
CREATE OR REPLACE TEMP TABLE m_history AS
SELECT address_id, sum(delta) AS balance, max(h) AS last_h, max(h) FILTER (WHERE side = 1) AS last_out_h,
  max(h) FILTER (WHERE side = 0) AS last_in_h, min(h) AS first_h
FROM (
  SELECT o.address_id, o.value AS delta, o.block_height AS h, 1 AS side FROM {schema}.tx_outputs o
  WHERE o.block_height < {changed_height} AND o.address_id IN (SELECT address_id FROM m_unknown_addresses)
  UNION ALL
  SELECT i.address_id, -coalesce(i.value, 0), i.block_height, 0 FROM {schema}.tx_inputs i
  WHERE i.block_height < {changed_height} AND i.address_id IN (SELECT address_id FROM m_unknown_addresses))
GROUP BY address_id;
INSERT INTO m_address_seeds
WITH hb AS (
  SELECT height, CAST(time AS DATE) AS day, CAST(hour(time) AS INTEGER) AS hr FROM {schema}.blocks
  WHERE height IN (SELECT unnest(ARRAY[last_h, first_h, last_out_h, last_in_h]) FROM m_history))
SELECT h.address_id, h.balance, lb.day, lb.hr, lo.day, li.day, fb.day
FROM m_history h
JOIN hb lb ON lb.height = h.last_h JOIN hb fb ON fb.height = h.first_h
LEFT JOIN hb lo ON lo.height = h.last_out_h LEFT JOIN hb li ON li.height = h.last_in_h;
-- duckdb only
INSERT INTO {schema}.m_address_block
WITH blk AS (
  SELECT height, CAST(time AS DATE) AS day, CAST(hour(time) AS INTEGER) AS hr FROM {schema}.blocks
  WHERE height >= {changed_height}),
tip AS (SELECT coalesce(max(height), 0) AS height FROM {schema}.metrics_blocks),
-- Rows are ordered per address by k = tx_id * 2^21 + (2^20 for a receipt) + the input or output index: by
-- transaction, spends before receipts. One sort key and few columns keep the sort of every input and output cheap.
ev AS (
  SELECT o.address_id, o.tx_id * 2097152 + 1048576 + o.vout AS k, o.value AS delta, o.block_height AS h
  FROM {schema}.tx_outputs o WHERE o.block_height >= {changed_height} AND o.address_id IS NOT NULL
  UNION ALL
  SELECT i.address_id, i.tx_id * 2097152 + i.vin, -coalesce(i.value, 0), i.block_height
  FROM {schema}.tx_inputs i WHERE i.block_height >= {changed_height} AND i.address_id IS NOT NULL),
steps AS (
  SELECT s.address_id, -1 AS k, s.balance AS delta, -1 AS h, s.last_day AS day, s.last_hour AS hr,
    s.last_receipt_day AS seed_receipt_day, s.last_spend_day AS seed_spend_day, s.first_day AS seed_first_day
  FROM m_address_seeds s
  UNION ALL
  SELECT e.address_id, e.k, e.delta, e.h, b.day, b.hr, NULL, NULL, NULL FROM ev e JOIN blk b ON b.height = e.h),
ordered AS (
  SELECT r.address_id, r.k, r.delta, r.h, r.day, r.hr,
    lag(r.day) OVER w AS prev_day,
    lag(r.hr) OVER w AS prev_hr,
    lead(r.h) OVER w AS next_h,
    sum(r.delta) OVER (w ROWS UNBOUNDED PRECEDING) AS balance,
    last_value(CASE WHEN r.k < 0 THEN r.seed_receipt_day WHEN r.k % 2097152 >= 1048576 THEN r.day END IGNORE NULLS)
      OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_out_day,
    last_value(CASE WHEN r.k < 0 THEN r.seed_spend_day WHEN r.k % 2097152 < 1048576 THEN r.day END IGNORE NULLS)
      OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_in_day,
    last_value(CASE WHEN r.k >= 0 AND r.k % 2097152 < 1048576 THEN r.k // 2097152 END IGNORE NULLS)
      OVER (w ROWS UNBOUNDED PRECEDING) AS last_spending_tx,
    first_value(CASE WHEN r.k < 0 THEN r.seed_first_day ELSE r.day END) OVER (w ROWS UNBOUNDED PRECEDING)
      AS address_first_day
  FROM steps r
  WINDOW w AS (PARTITION BY r.address_id ORDER BY r.k)),
x AS (
  SELECT o.*, o.k % 2097152 >= 1048576 AS receipt, o.k // 2097152 AS tx_id, CAST(o.k % 1048576 AS INTEGER) AS n,
    o.balance - o.delta AS balance_before, CAST(o.day - o.prev_day AS INTEGER) AS gap,
    o.prev_day IS DISTINCT FROM o.day AS first_today,
    o.prev_day IS NULL OR o.prev_day <= o.day - CAST(dayofmonth(o.day) AS INTEGER) AS first_this_month,
    (o.balance > 0)::INTEGER - (o.balance - o.delta > 0)::INTEGER AS funded_change,
    o.balance >= 100000 OR o.balance - o.delta >= 100000 AS above_thresholds,
    -- (CASE: the bands are worked out only for the rows that reach a threshold)
    CASE WHEN o.balance >= 100000 THEN (o.balance >= 100000)::INTEGER + (o.balance >= 1000000)::INTEGER + (o.balance >= 10000000)::INTEGER
      + (o.balance >= 100000000)::INTEGER + (o.balance >= 1000000000)::INTEGER + (o.balance >= 10000000000)::INTEGER + (o.balance >= 100000000000)::INTEGER + (o.balance >= 1000000000000)::INTEGER + (o.balance >= 10000000000000)::INTEGER ELSE 0 END AS band,
    CASE WHEN o.balance - o.delta >= 100000 THEN (o.balance - o.delta >= 100000)::INTEGER + (o.balance - o.delta >= 1000000)::INTEGER
      + (o.balance - o.delta >= 10000000)::INTEGER + (o.balance - o.delta >= 100000000)::INTEGER + (o.balance - o.delta >= 1000000000)::INTEGER + (o.balance - o.delta >= 10000000000)::INTEGER + (o.balance - o.delta >= 100000000000)::INTEGER + (o.balance - o.delta >= 1000000000000)::INTEGER + (o.balance - o.delta >= 10000000000000)::INTEGER
      ELSE 0 END AS band_before
  FROM ordered o WHERE o.k >= 0)
-- One row per block for the last 1,000 blocks, which a rollback may drop; older blocks (only a computation from scratch
-- sees them) one row per day and hour: the aggregation then updates a few thousand groups, not one per block.
SELECT g.height, g.day, g.active, g.active_sent, g.active_received, g.new, g.new_funded, g.funded, g.revived,
  g.month_active, g.hour, g.hour_active, list_aggr(g.recent_gaps, 'histogram'), list_aggr(g.older_cohorts, 'histogram'),
  g.dormancy_opened, g.dormancy_ended, g.dormancy_cancelled_same_day, list_aggr(g.dormancy_cancelled, 'histogram'),
  -- an address moving from band b to band a (the number of thresholds its balance reaches) joins thresholds b+1 .. a
  -- or leaves a+1 .. b
  [coalesce(len(list_filter(g.band_changes, c -> c % 10 >= t AND c // 10 < t)), 0)
     - coalesce(len(list_filter(g.band_changes, c -> c // 10 >= t AND c % 10 < t)), 0) FOR t IN range(1, 10)],
  g.threshold_supply, g.self_change, g.last_states
FROM (
SELECT max(x.h), any_value(x.day),
  count(*) FILTER (WHERE x.first_today),
  count(*) FILTER (WHERE NOT x.receipt AND x.prev_in_day IS DISTINCT FROM x.day),
  count(*) FILTER (WHERE x.receipt AND x.prev_out_day IS DISTINCT FROM x.day),
  count(*) FILTER (WHERE x.prev_day IS NULL),
  coalesce(sum(x.funded_change) FILTER (WHERE x.address_first_day = x.day), 0),
  coalesce(sum(x.funded_change), 0),
  count(*) FILTER (WHERE x.first_today AND x.gap >= 365),
  count(*) FILTER (WHERE x.first_today AND x.first_this_month),
  any_value(x.hr),
  count(*) FILTER (WHERE x.prev_day IS DISTINCT FROM x.day OR x.prev_hr IS DISTINCT FROM x.hr),
  -- (values are listed, not counted into histograms, which cost this aggregation several times more; the lists are
  -- counted per group afterwards, so that the table keeps small maps; only the rare cases are listed)
  list(x.gap) FILTER (WHERE x.first_today AND x.gap < 90) AS recent_gaps,
  list(CASE WHEN x.first_today AND x.first_this_month AND x.address_first_day <= x.day - CAST(dayofmonth(x.day) AS INTEGER)
      THEN CAST(date_trunc('month', x.address_first_day) AS DATE) END)
    FILTER (WHERE x.first_today AND x.first_this_month AND x.address_first_day <= x.day - CAST(dayofmonth(x.day) AS INTEGER))
    AS older_cohorts,
  count(*) FILTER (WHERE x.balance > 0),
  count(*) FILTER (WHERE x.prev_day IS NOT NULL AND x.balance_before > 0 AND x.gap >= 365),
  count(*) FILTER (WHERE x.prev_day IS NOT NULL AND x.balance_before > 0 AND x.gap = 0),
  list(x.gap) FILTER (WHERE x.prev_day IS NOT NULL AND x.balance_before > 0 AND x.gap > 0 AND x.gap < 365)
    AS dormancy_cancelled,
  -- balance bands: how many of the thresholds 0.001, 0.01, 0.1, 1, 10, 100, 1K, 10K, 100K coins a balance reaches
  list(10 * x.band_before + x.band) FILTER (WHERE x.band <> x.band_before) AS band_changes,
  [
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 100000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 100000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 1000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 1000000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 10000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 10000000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 100000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 100000000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 1000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 1000000000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 10000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 10000000000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 100000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 100000000000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 1000000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 1000000000000 THEN x.balance_before ELSE 0 END END),
    sum(CASE WHEN x.above_thresholds THEN
      CASE WHEN x.balance >= 10000000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 10000000000000 THEN x.balance_before ELSE 0 END END)],
  list({'tx_id': x.tx_id, 'vout': x.n}) FILTER (WHERE x.receipt AND x.last_spending_tx = x.tx_id),
  -- (CASE: the struct is built only for the rows kept)
  list(CASE WHEN x.next_h IS NULL AND (x.balance > 0 OR x.h > tip.height - 1000) THEN
      {'address_id': x.address_id, 'balance': x.balance, 'height': x.h, 'last_day': x.day, 'last_hour': x.hr,
       'last_receipt_day': CASE WHEN x.receipt THEN x.day ELSE x.prev_out_day END,
       'last_spend_day': CASE WHEN x.receipt THEN x.prev_in_day ELSE x.day END, 'first_day': x.address_first_day} END)
    FILTER (WHERE x.next_h IS NULL AND (x.balance > 0 OR x.h > tip.height - 1000))
FROM x CROSS JOIN tip
GROUP BY CASE WHEN x.h > tip.height - 1000 THEN x.h ELSE -1 - ((x.day - DATE '1970-01-01') * 24 + x.hr) END) AS g(height, day, active, active_sent, active_received, new, new_funded, funded, revived, month_active, hour, hour_active, recent_gaps, older_cohorts, dormancy_opened, dormancy_ended, dormancy_cancelled_same_day, dormancy_cancelled, band_changes, threshold_supply, self_change, last_states);
-- postgresql only
INSERT INTO {schema}.m_address_block
WITH blk AS (
  SELECT height, CAST(time AS DATE) AS day, CAST(hour(time) AS INTEGER) AS hr FROM {schema}.blocks
  WHERE height >= {changed_height}),
tip AS (SELECT coalesce(max(height), 0) AS height FROM {schema}.metrics_blocks),
ev AS (
  SELECT o.address_id, o.tx_id * 2097152 + 1048576 + o.vout AS k, o.value AS delta, o.block_height AS h
  FROM {schema}.tx_outputs o WHERE o.block_height >= {changed_height} AND o.address_id IS NOT NULL
  UNION ALL
  SELECT i.address_id, i.tx_id * 2097152 + i.vin, -coalesce(i.value, 0), i.block_height
  FROM {schema}.tx_inputs i WHERE i.block_height >= {changed_height} AND i.address_id IS NOT NULL),
steps AS (
  SELECT s.address_id, -1 AS k, s.balance AS delta, -1 AS h, s.last_day AS day, s.last_hour AS hr,
    s.last_receipt_day AS seed_receipt_day, s.last_spend_day AS seed_spend_day, s.first_day AS seed_first_day
  FROM m_address_seeds s
  UNION ALL
  SELECT e.address_id, e.k, e.delta, e.h, b.day, b.hr, NULL, NULL, NULL FROM ev e JOIN blk b ON b.height = e.h),
-- (no IGNORE NULLS here: the last receipt, spend or spending transaction before a row is the last value of its run, a
-- run being the rows from one non-null value to the next)
marked AS (
  SELECT r.address_id, r.k, r.delta, r.h, r.day, r.hr,
    lag(r.day) OVER w AS prev_day,
    lag(r.hr) OVER w AS prev_hr,
    lead(r.h) OVER w AS next_h,
    sum(r.delta) OVER (w ROWS UNBOUNDED PRECEDING) AS balance,
    first_value(CASE WHEN r.k < 0 THEN r.seed_first_day ELSE r.day END) OVER (w ROWS UNBOUNDED PRECEDING)
      AS address_first_day,
    CASE WHEN r.k < 0 THEN r.seed_receipt_day WHEN r.k % 2097152 >= 1048576 THEN r.day END AS out_day,
    CASE WHEN r.k < 0 THEN r.seed_spend_day WHEN r.k % 2097152 < 1048576 THEN r.day END AS in_day,
    CASE WHEN r.k >= 0 AND r.k % 2097152 < 1048576 THEN divide(r.k, 2097152) END AS spending_tx
  FROM steps r
  WINDOW w AS (PARTITION BY r.address_id ORDER BY r.k)),
counted AS (
  SELECT m.*, count(m.out_day) OVER w AS out_run, count(m.in_day) OVER w AS in_run, count(m.spending_tx) OVER w AS spend_run
  FROM marked m
  WINDOW w AS (PARTITION BY m.address_id ORDER BY m.k ROWS UNBOUNDED PRECEDING)),
runs AS (
  SELECT c.*,
    max(c.out_day) OVER (PARTITION BY c.address_id, c.out_run) AS out_last,
    max(c.in_day) OVER (PARTITION BY c.address_id, c.in_run) AS in_last,
    max(c.spending_tx) OVER (PARTITION BY c.address_id, c.spend_run) AS last_spending_tx
  FROM counted c),
ordered AS (
  SELECT r.*,
    CASE WHEN r.out_day IS NULL THEN r.out_last ELSE lag(r.out_last) OVER w END AS prev_out_day,
    CASE WHEN r.in_day IS NULL THEN r.in_last ELSE lag(r.in_last) OVER w END AS prev_in_day
  FROM runs r
  WINDOW w AS (PARTITION BY r.address_id ORDER BY r.k)),
x AS (
  SELECT o.*, o.k % 2097152 >= 1048576 AS receipt, divide(o.k, 2097152) AS tx_id, CAST(o.k % 1048576 AS INTEGER) AS n,
    o.balance - o.delta AS balance_before, CAST(o.day - o.prev_day AS INTEGER) AS gap,
    o.prev_day IS DISTINCT FROM o.day AS first_today,
    o.prev_day IS NULL OR o.prev_day <= o.day - CAST(extract(DAY FROM o.day) AS INTEGER) AS first_this_month,
    CAST(o.balance > 0 AS INTEGER) - CAST(o.balance - o.delta > 0 AS INTEGER) AS funded_change,
    o.balance >= 100000 OR o.balance - o.delta >= 100000 AS above_thresholds,
    CAST(o.balance >= 100000 AS INTEGER) + CAST(o.balance >= 1000000 AS INTEGER) + CAST(o.balance >= 10000000 AS INTEGER)
      + CAST(o.balance >= 100000000 AS INTEGER) + CAST(o.balance >= 1000000000 AS INTEGER) + CAST(o.balance >= 10000000000 AS INTEGER)
      + CAST(o.balance >= 100000000000 AS INTEGER) + CAST(o.balance >= 1000000000000 AS INTEGER) + CAST(o.balance >= 10000000000000 AS INTEGER) AS band,
    CAST(o.balance - o.delta >= 100000 AS INTEGER) + CAST(o.balance - o.delta >= 1000000 AS INTEGER) + CAST(o.balance - o.delta >= 10000000 AS INTEGER)
      + CAST(o.balance - o.delta >= 100000000 AS INTEGER) + CAST(o.balance - o.delta >= 1000000000 AS INTEGER) + CAST(o.balance - o.delta >= 10000000000 AS INTEGER)
      + CAST(o.balance - o.delta >= 100000000000 AS INTEGER) + CAST(o.balance - o.delta >= 1000000000000 AS INTEGER) + CAST(o.balance - o.delta >= 10000000000000 AS INTEGER) AS band_before,
    t.height AS tip_height,
    CASE WHEN o.h > t.height - 1000 THEN o.h ELSE -1 - ((o.day - DATE '1970-01-01') * 24 + o.hr) END AS grp
  FROM ordered o CROSS JOIN tip t WHERE o.k >= 0),
gaps AS (
  SELECT grp, jsonb_object_agg(gap, addresses) AS recent_gaps
  FROM (SELECT grp, gap, count(*) AS addresses FROM x WHERE first_today AND gap < 90 GROUP BY grp, gap) g GROUP BY grp),
cohorts AS (
  SELECT grp, jsonb_object_agg(cohort, addresses) AS older_cohorts
  FROM (
    SELECT grp, CAST(date_trunc('month', address_first_day) AS DATE) AS cohort, count(*) AS addresses FROM x
    WHERE first_today AND first_this_month AND address_first_day <= day - CAST(extract(DAY FROM day) AS INTEGER)
    GROUP BY 1, 2) c
  GROUP BY grp),
cancelled AS (
  SELECT grp, jsonb_object_agg(gap, addresses) AS dormancy_cancelled
  FROM (
    SELECT grp, gap, count(*) AS addresses FROM x
    WHERE prev_day IS NOT NULL AND balance_before > 0 AND gap > 0 AND gap < 365 GROUP BY grp, gap) c
  GROUP BY grp),
g AS (
  SELECT x.grp, max(x.h) AS height, min(x.day) AS day,
    count(*) FILTER (WHERE x.first_today) AS active,
    count(*) FILTER (WHERE NOT x.receipt AND x.prev_in_day IS DISTINCT FROM x.day) AS active_sent,
    count(*) FILTER (WHERE x.receipt AND x.prev_out_day IS DISTINCT FROM x.day) AS active_received,
    count(*) FILTER (WHERE x.prev_day IS NULL) AS new,
    coalesce(sum(x.funded_change) FILTER (WHERE x.address_first_day = x.day), 0) AS new_funded,
    coalesce(sum(x.funded_change), 0) AS funded,
    count(*) FILTER (WHERE x.first_today AND x.gap >= 365) AS revived,
    count(*) FILTER (WHERE x.first_today AND x.first_this_month) AS month_active,
    min(x.hr) AS hour,
    count(*) FILTER (WHERE x.prev_day IS DISTINCT FROM x.day OR x.prev_hr IS DISTINCT FROM x.hr) AS hour_active,
    count(*) FILTER (WHERE x.balance > 0) AS dormancy_opened,
    count(*) FILTER (WHERE x.prev_day IS NOT NULL AND x.balance_before > 0 AND x.gap >= 365) AS dormancy_ended,
    count(*) FILTER (WHERE x.prev_day IS NOT NULL AND x.balance_before > 0 AND x.gap = 0) AS dormancy_cancelled_same_day,
    -- an address moving from band b to band a (the number of thresholds its balance reaches) joins thresholds b+1 .. a
    -- or leaves a+1 .. b
    ARRAY[
      sum(CASE WHEN x.band >= 1 AND x.band_before < 1 THEN 1 WHEN x.band_before >= 1 AND x.band < 1 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 2 AND x.band_before < 2 THEN 1 WHEN x.band_before >= 2 AND x.band < 2 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 3 AND x.band_before < 3 THEN 1 WHEN x.band_before >= 3 AND x.band < 3 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 4 AND x.band_before < 4 THEN 1 WHEN x.band_before >= 4 AND x.band < 4 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 5 AND x.band_before < 5 THEN 1 WHEN x.band_before >= 5 AND x.band < 5 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 6 AND x.band_before < 6 THEN 1 WHEN x.band_before >= 6 AND x.band < 6 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 7 AND x.band_before < 7 THEN 1 WHEN x.band_before >= 7 AND x.band < 7 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 8 AND x.band_before < 8 THEN 1 WHEN x.band_before >= 8 AND x.band < 8 THEN -1 ELSE 0 END),
      sum(CASE WHEN x.band >= 9 AND x.band_before < 9 THEN 1 WHEN x.band_before >= 9 AND x.band < 9 THEN -1 ELSE 0 END)]
      AS threshold_addresses,
    ARRAY[
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 100000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 100000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 1000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 1000000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 10000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 10000000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 100000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 100000000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 1000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 1000000000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 10000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 10000000000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 100000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 100000000000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 1000000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 1000000000000 THEN x.balance_before ELSE 0 END END),
      sum(CASE WHEN x.above_thresholds THEN
        CASE WHEN x.balance >= 10000000000000 THEN x.balance ELSE 0 END - CASE WHEN x.balance_before >= 10000000000000 THEN x.balance_before ELSE 0 END END)] AS threshold_supply,
    jsonb_agg(jsonb_build_array(x.tx_id, x.n)) FILTER (WHERE x.receipt AND x.last_spending_tx = x.tx_id) AS self_change,
    jsonb_agg(jsonb_build_object('address_id', x.address_id, 'balance', x.balance, 'height', x.h, 'last_day', x.day,
        'last_hour', x.hr, 'last_receipt_day', CASE WHEN x.receipt THEN x.day ELSE x.prev_out_day END,
        'last_spend_day', CASE WHEN x.receipt THEN x.prev_in_day ELSE x.day END, 'first_day', x.address_first_day))
      FILTER (WHERE x.next_h IS NULL AND (x.balance > 0 OR x.h > x.tip_height - 1000)) AS last_states
  FROM x GROUP BY x.grp)
SELECT g.height, g.day, g.active, g.active_sent, g.active_received, g.new, g.new_funded, g.funded, g.revived,
  g.month_active, g.hour, g.hour_active, gp.recent_gaps, co.older_cohorts, g.dormancy_opened, g.dormancy_ended,
  g.dormancy_cancelled_same_day, ca.dormancy_cancelled, g.threshold_addresses, g.threshold_supply, g.self_change,
  g.last_states
FROM g LEFT JOIN gaps gp ON gp.grp = g.grp LEFT JOIN cohorts co ON co.grp = g.grp LEFT JOIN cancelled ca ON ca.grp = g.grp;
-- duckdb only
-- (unnest over a subquery: a filter beside a lateral unnest is not pushed into the scan)
CREATE OR REPLACE TEMP TABLE m_last_states AS
SELECT unnest(e)
FROM (SELECT unnest(last_states) AS e FROM {schema}.m_address_block WHERE height >= {changed_height});
-- postgresql only
CREATE OR REPLACE TEMP TABLE m_last_states AS
SELECT CAST(e ->> 'address_id' AS BIGINT) AS address_id, CAST(e ->> 'balance' AS BIGINT) AS balance,
  CAST(e ->> 'height' AS BIGINT) AS height, CAST(e ->> 'last_day' AS DATE) AS last_day,
  CAST(e ->> 'last_hour' AS INTEGER) AS last_hour, CAST(e ->> 'last_receipt_day' AS DATE) AS last_receipt_day,
  CAST(e ->> 'last_spend_day' AS DATE) AS last_spend_day, CAST(e ->> 'first_day' AS DATE) AS first_day
FROM {schema}.m_address_block b, jsonb_array_elements(b.last_states) AS s(e)
WHERE b.height >= {changed_height};
INSERT INTO m_band_changes
SELECT CAST(floor(64 * log2(balance)) AS INTEGER), -count(*) FROM {schema}.m_address_state
WHERE address_id IN (SELECT address_id FROM m_last_states) AND balance > 0 GROUP BY 1;
DELETE FROM {schema}.m_address_state WHERE address_id IN (SELECT address_id FROM m_last_states);
INSERT INTO {schema}.m_address_state SELECT * FROM m_last_states;
-- (the lookups of a few addresses are done: a high threshold makes the joins of the other helpers several times slower)
RESET dynamic_or_filter_threshold;
INSERT INTO m_band_changes
SELECT CAST(floor(64 * log2(balance)) AS INTEGER), count(*) FROM m_last_states WHERE balance > 0 GROUP BY 1;
DROP TABLE m_last_states;
-- (merged in place: a statement that replaced the table would have every statement of the next update planned again)
CREATE OR REPLACE TEMP TABLE m_band_totals AS
SELECT band, CAST(sum(addresses) AS BIGINT) AS addresses FROM m_band_changes GROUP BY band;
UPDATE {schema}.m_address_bands SET addresses = m_address_bands.addresses + t.addresses
FROM m_band_totals t WHERE m_address_bands.band = t.band;
INSERT INTO {schema}.m_address_bands
SELECT band, addresses FROM m_band_totals WHERE band NOT IN (SELECT band FROM {schema}.m_address_bands);
DELETE FROM {schema}.m_address_bands WHERE addresses = 0;
DROP TABLE m_band_totals;
DELETE FROM {schema}.m_address_state
WHERE balance = 0 AND height <= (SELECT coalesce(max(height), 0) FROM {schema}.metrics_blocks) - 1000;
-- addresses first seen per calendar month, the sizes of the retention cohorts
DELETE FROM {schema}.m_address_months WHERE month >= CAST(date_trunc('month', {from}) AS DATE);
INSERT INTO {schema}.m_address_months
SELECT CAST(date_trunc('month', day) AS DATE), sum(new) FROM {schema}.m_address_block
WHERE day >= CAST(date_trunc('month', {from}) AS DATE) GROUP BY 1;
DELETE FROM {schema}.m_address_events WHERE generated_day >= {from};
-- duckdb only
INSERT INTO {schema}.m_address_events
WITH b AS (
  SELECT day, active, recent_gaps, dormancy_opened, dormancy_ended, dormancy_cancelled_same_day, dormancy_cancelled
  FROM {schema}.m_address_block WHERE day >= {from}),
windows(kind, n) AS (VALUES ('active_7d', 7), ('active_30d', 30), ('active_90d', 90)),
gaps AS (
  SELECT b.day, g.key AS gap, CAST(g.value AS BIGINT) AS addresses FROM b, unnest(map_entries(b.recent_gaps)) AS t(g)),
cancelled AS (
  SELECT b.day, g.key AS gap, CAST(g.value AS BIGINT) AS addresses
  FROM b, unnest(map_entries(b.dormancy_cancelled)) AS t(g)),
e(generated_day, event_day, kind, addresses) AS (
  -- an address active on day t, previously active on day p (gap t - p), is in an n-day window on days
  -- max(t, p + n) .. t + n - 1: it enters on day t unless it is still in from p (a gap below n), and leaves on t + n
  SELECT b.day, b.day, w.kind, b.active FROM b, windows w
  UNION ALL
  SELECT g.day, g.day, w.kind, -g.addresses FROM gaps g, windows w WHERE g.gap < w.n
  UNION ALL
  SELECT g.day, g.day + w.n - g.gap, w.kind, g.addresses FROM gaps g, windows w WHERE g.gap < w.n
  UNION ALL
  SELECT b.day, b.day + w.n, w.kind, -b.active FROM b, windows w
  -- an address holding a balance is dormant from 365 days after an activity until its next activity
  UNION ALL
  SELECT b.day, b.day + 365, 'dormant_1y', b.dormancy_opened - b.dormancy_cancelled_same_day FROM b
  UNION ALL
  SELECT b.day, b.day, 'dormant_1y', -b.dormancy_ended FROM b
  UNION ALL
  SELECT c.day, c.day + 365 - c.gap, 'dormant_1y', -c.addresses FROM cancelled c)
SELECT generated_day, event_day, kind, sum(addresses) FROM e GROUP BY ALL HAVING sum(addresses) <> 0;
-- postgresql only
INSERT INTO {schema}.m_address_events
WITH b AS (
  SELECT day, active, recent_gaps, dormancy_opened, dormancy_ended, dormancy_cancelled_same_day, dormancy_cancelled
  FROM {schema}.m_address_block WHERE day >= {from}),
windows(kind, n) AS (VALUES ('active_7d', 7), ('active_30d', 30), ('active_90d', 90)),
gaps AS (
  SELECT b.day, CAST(g.key AS INTEGER) AS gap, CAST(g.value AS BIGINT) AS addresses FROM b, jsonb_each_text(b.recent_gaps) AS g(key, value)),
cancelled AS (
  SELECT b.day, CAST(g.key AS INTEGER) AS gap, CAST(g.value AS BIGINT) AS addresses
  FROM b, jsonb_each_text(b.dormancy_cancelled) AS g(key, value)),
e(generated_day, event_day, kind, addresses) AS (
  -- an address active on day t, previously active on day p (gap t - p), is in an n-day window on days
  -- max(t, p + n) .. t + n - 1: it enters on day t unless it is still in from p (a gap below n), and leaves on t + n
  SELECT b.day, b.day, w.kind, b.active FROM b, windows w
  UNION ALL
  SELECT g.day, g.day, w.kind, -g.addresses FROM gaps g, windows w WHERE g.gap < w.n
  UNION ALL
  SELECT g.day, g.day + w.n - g.gap, w.kind, g.addresses FROM gaps g, windows w WHERE g.gap < w.n
  UNION ALL
  SELECT b.day, b.day + w.n, w.kind, -b.active FROM b, windows w
  -- an address holding a balance is dormant from 365 days after an activity until its next activity
  UNION ALL
  SELECT b.day, b.day + 365, 'dormant_1y', b.dormancy_opened - b.dormancy_cancelled_same_day FROM b
  UNION ALL
  SELECT b.day, b.day, 'dormant_1y', -b.dormancy_ended FROM b
  UNION ALL
  SELECT c.day, c.day + 365 - c.gap, 'dormant_1y', -c.addresses FROM cancelled c)
SELECT generated_day, event_day, kind, sum(addresses) FROM e GROUP BY generated_day, event_day, kind HAVING sum(addresses) <> 0;
