-- Address activity, kept per block so that a new block is worked out on its own: for every block, what the activity
-- of its addresses adds to the day's address metrics (m_address_block); the events, dated, that open and close
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
-- create
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
  gaps MAP(INTEGER, UBIGINT),
  cohorts MAP(DATE, UBIGINT),
  dormancy_opened INTEGER NOT NULL,
  dormancy_ended INTEGER NOT NULL,
  dormancy_cancelled MAP(INTEGER, UBIGINT),
  hours MAP(INTEGER, UBIGINT),
  threshold_addresses BIGINT[] NOT NULL,
  threshold_supply HUGEINT[] NOT NULL,
  self_change STRUCT(tx_id BIGINT, vout INTEGER)[],
  last_states STRUCT(address_id BIGINT, balance BIGINT, height BIGINT, last_day DATE, last_hour INTEGER,
    last_receipt_day DATE, last_spend_day DATE, first_day DATE)[]);
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
CREATE TABLE IF NOT EXISTS {schema}.m_address_bands (
  band INTEGER NOT NULL,
  addresses BIGINT NOT NULL);
-- refresh
-- A new block touches a few hundred addresses out of millions. Looked up through a hash join, their rows would be
-- found by reading every address id; DuckDB pushes a join's keys into the scan as a filter only up to this many keys.
SET dynamic_or_filter_threshold = 50000;
-- The state of addresses a block from the first changed one on changed, summed again from the base tables (the
-- blocks themselves may be gone).
CREATE OR REPLACE TEMP TABLE m_stale_addresses AS
SELECT address_id FROM {schema}.m_address_state WHERE height >= {changed_height};
-- m_address_bands counts the funded addresses by balance band (a sixteenth of a doubling): every change of
-- m_address_state below is recorded in m_band_changes first, so that the richest addresses are found without sorting
-- every balance (source address_top).
CREATE OR REPLACE TEMP TABLE m_band_changes AS
SELECT CAST(floor(16 * log2(balance)) AS INTEGER) AS band, -count(*) AS addresses
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
SELECT h.address_id, h.balance, h.last_h, CAST(lb.time AS DATE), hour(lb.time), CAST(lo.time AS DATE),
  CAST(li.time AS DATE), CAST(fb.time AS DATE)
FROM m_history h
JOIN {schema}.blocks lb ON lb.height = h.last_h JOIN {schema}.blocks fb ON fb.height = h.first_h
LEFT JOIN {schema}.blocks lo ON lo.height = h.last_out_h LEFT JOIN {schema}.blocks li ON li.height = h.last_in_h;
INSERT INTO m_band_changes
SELECT CAST(floor(16 * log2(balance)) AS INTEGER), count(*) FROM {schema}.m_address_state
WHERE address_id IN (SELECT address_id FROM m_stale_addresses) AND balance > 0 GROUP BY 1;
DROP TABLE m_stale_addresses;
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
CREATE OR REPLACE TEMP TABLE m_history AS
SELECT address_id, sum(delta) AS balance, max(h) AS last_h, max(h) FILTER (WHERE side = 1) AS last_out_h,
  max(h) FILTER (WHERE side = 0) AS last_in_h, min(h) AS first_h
FROM (
  SELECT o.address_id, o.value AS delta, o.block_height AS h, 1 AS side FROM {schema}.tx_outputs o
  WHERE o.block_height < {changed_height} AND o.address_id IN (
    SELECT address_id FROM m_touched_addresses EXCEPT SELECT address_id FROM m_address_seeds)
  UNION ALL
  SELECT i.address_id, -coalesce(i.value, 0), i.block_height, 0 FROM {schema}.tx_inputs i
  WHERE i.block_height < {changed_height} AND i.address_id IN (
    SELECT address_id FROM m_touched_addresses EXCEPT SELECT address_id FROM m_address_seeds))
GROUP BY address_id;
INSERT INTO m_address_seeds
SELECT h.address_id, h.balance, CAST(lb.time AS DATE), hour(lb.time), CAST(lo.time AS DATE), CAST(li.time AS DATE),
  CAST(fb.time AS DATE)
FROM m_history h
JOIN {schema}.blocks lb ON lb.height = h.last_h JOIN {schema}.blocks fb ON fb.height = h.first_h
LEFT JOIN {schema}.blocks lo ON lo.height = h.last_out_h LEFT JOIN {schema}.blocks li ON li.height = h.last_in_h;
DROP TABLE m_history;
INSERT INTO {schema}.m_address_block
WITH blk AS (
  SELECT height, CAST(time AS DATE) AS day, CAST(hour(time) AS INTEGER) AS hr FROM {schema}.blocks
  WHERE height >= {changed_height}),
tip AS (SELECT coalesce(max(height), 0) AS height FROM {schema}.metrics_blocks),
ev AS (
  SELECT o.address_id, o.tx_id, 1 AS side, o.vout AS n, o.value AS delta, o.block_height AS h
  FROM {schema}.tx_outputs o WHERE o.block_height >= {changed_height} AND o.address_id IS NOT NULL
  UNION ALL
  SELECT i.address_id, i.tx_id, 0, i.vin, -coalesce(i.value, 0), i.block_height
  FROM {schema}.tx_inputs i WHERE i.block_height >= {changed_height} AND i.address_id IS NOT NULL),
steps AS (
  SELECT s.address_id, -1 AS tx_id, -1 AS side, 0 AS n, s.balance AS delta, -1 AS h, TRUE AS seed,
    s.last_day AS day, s.last_hour AS hr, s.last_receipt_day AS out_day, s.last_spend_day AS in_day, s.first_day
  FROM m_address_seeds s
  UNION ALL
  SELECT e.address_id, e.tx_id, e.side, e.n, e.delta, e.h, FALSE, b.day, b.hr,
    CASE WHEN e.side = 1 THEN b.day END, CASE WHEN e.side = 0 THEN b.day END, b.day
  FROM ev e JOIN blk b ON b.height = e.h),
ordered AS (
  SELECT r.*,
    lag(r.day) OVER w AS prev_day,
    lag(r.hr) OVER w AS prev_hr,
    lead(r.h) OVER w AS next_h,
    sum(r.delta) OVER (w ROWS UNBOUNDED PRECEDING) AS balance,
    last_value(r.out_day IGNORE NULLS) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_out_day,
    last_value(r.in_day IGNORE NULLS) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_in_day,
    last_value(CASE WHEN r.side = 0 THEN r.tx_id END IGNORE NULLS) OVER (w ROWS UNBOUNDED PRECEDING) AS last_spending_tx,
    first_value(r.first_day) OVER (w ROWS UNBOUNDED PRECEDING) AS address_first_day
  FROM steps r
  WINDOW w AS (PARTITION BY r.address_id ORDER BY r.tx_id, r.side, r.n)),
x AS (
  SELECT o.*, o.balance - o.delta AS balance_before, CAST(o.day - o.prev_day AS INTEGER) AS gap,
    o.prev_day IS DISTINCT FROM o.day AS first_today,
    o.prev_day IS NULL OR date_trunc('month', o.prev_day) < date_trunc('month', o.day) AS first_this_month,
    (o.balance > 0)::INTEGER - (o.balance - o.delta > 0)::INTEGER AS funded_change
  FROM ordered o WHERE NOT o.seed)
SELECT x.h, any_value(x.day),
  count(*) FILTER (WHERE x.first_today),
  count(*) FILTER (WHERE x.side = 0 AND x.prev_in_day IS DISTINCT FROM x.day),
  count(*) FILTER (WHERE x.side = 1 AND x.prev_out_day IS DISTINCT FROM x.day),
  count(*) FILTER (WHERE x.prev_day IS NULL),
  coalesce(sum(x.funded_change) FILTER (WHERE x.address_first_day = x.day), 0),
  coalesce(sum(x.funded_change), 0),
  count(*) FILTER (WHERE x.first_today AND x.gap >= 365),
  count(*) FILTER (WHERE x.first_today AND x.first_this_month),
  histogram(coalesce(x.gap, -1)) FILTER (WHERE x.first_today),
  histogram(CAST(date_trunc('month', x.address_first_day) AS DATE)) FILTER (WHERE x.first_today AND x.first_this_month),
  count(*) FILTER (WHERE x.balance > 0),
  count(*) FILTER (WHERE x.prev_day IS NOT NULL AND x.balance_before > 0 AND x.gap >= 365),
  histogram(x.gap) FILTER (WHERE x.prev_day IS NOT NULL AND x.balance_before > 0 AND x.gap < 365),
  histogram(x.hr) FILTER (WHERE x.prev_day IS DISTINCT FROM x.day OR x.prev_hr IS DISTINCT FROM x.hr),
  [
    sum((x.balance >= 100000)::INTEGER - (x.balance_before >= 100000)::INTEGER),
    sum((x.balance >= 1000000)::INTEGER - (x.balance_before >= 1000000)::INTEGER),
    sum((x.balance >= 10000000)::INTEGER - (x.balance_before >= 10000000)::INTEGER),
    sum((x.balance >= 100000000)::INTEGER - (x.balance_before >= 100000000)::INTEGER),
    sum((x.balance >= 1000000000)::INTEGER - (x.balance_before >= 1000000000)::INTEGER),
    sum((x.balance >= 10000000000)::INTEGER - (x.balance_before >= 10000000000)::INTEGER),
    sum((x.balance >= 100000000000)::INTEGER - (x.balance_before >= 100000000000)::INTEGER),
    sum((x.balance >= 1000000000000)::INTEGER - (x.balance_before >= 1000000000000)::INTEGER),
    sum((x.balance >= 10000000000000)::INTEGER - (x.balance_before >= 10000000000000)::INTEGER)],
  [
    sum(CASE WHEN x.balance >= 100000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 100000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 1000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 1000000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 10000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 10000000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 100000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 100000000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 1000000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 1000000000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 10000000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 10000000000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 100000000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 100000000000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 1000000000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 1000000000000 THEN x.balance_before ELSE 0 END),
    sum(CASE WHEN x.balance >= 10000000000000 THEN x.balance ELSE 0 END
      - CASE WHEN x.balance_before >= 10000000000000 THEN x.balance_before ELSE 0 END)],
  list({'tx_id': x.tx_id, 'vout': x.n}) FILTER (WHERE x.side = 1 AND x.last_spending_tx = x.tx_id),
  list({'address_id': x.address_id, 'balance': x.balance, 'height': x.h, 'last_day': x.day, 'last_hour': x.hr,
      'last_receipt_day': CASE WHEN x.side = 1 THEN x.day ELSE x.prev_out_day END,
      'last_spend_day': CASE WHEN x.side = 0 THEN x.day ELSE x.prev_in_day END, 'first_day': x.address_first_day})
    FILTER (WHERE x.next_h IS NULL AND (x.balance > 0 OR x.h > tip.height - 1000))
FROM x CROSS JOIN tip
GROUP BY x.h;
DROP TABLE m_touched_addresses;
DROP TABLE m_address_seeds;
-- (unnest over a subquery: a filter beside a lateral unnest is not pushed into the scan)
CREATE OR REPLACE TEMP TABLE m_last_states AS
SELECT unnest(e)
FROM (SELECT unnest(last_states) AS e FROM {schema}.m_address_block WHERE height >= {changed_height});
INSERT INTO m_band_changes
SELECT CAST(floor(16 * log2(balance)) AS INTEGER), -count(*) FROM {schema}.m_address_state
WHERE address_id IN (SELECT address_id FROM m_last_states) AND balance > 0 GROUP BY 1;
DELETE FROM {schema}.m_address_state WHERE address_id IN (SELECT address_id FROM m_last_states);
INSERT INTO {schema}.m_address_state SELECT * FROM m_last_states;
INSERT INTO m_band_changes
SELECT CAST(floor(16 * log2(balance)) AS INTEGER), count(*) FROM m_last_states WHERE balance > 0 GROUP BY 1;
DROP TABLE m_last_states;
CREATE OR REPLACE TEMP TABLE m_bands AS
SELECT band, sum(addresses) AS addresses
FROM (SELECT * FROM {schema}.m_address_bands UNION ALL SELECT * FROM m_band_changes)
GROUP BY band HAVING sum(addresses) <> 0;
DELETE FROM {schema}.m_address_bands;
INSERT INTO {schema}.m_address_bands SELECT * FROM m_bands;
DROP TABLE m_bands;
DROP TABLE m_band_changes;
DELETE FROM {schema}.m_address_state
WHERE balance = 0 AND height <= (SELECT coalesce(max(height), 0) FROM {schema}.metrics_blocks) - 1000;
DELETE FROM {schema}.m_address_events WHERE generated_day >= {from};
INSERT INTO {schema}.m_address_events
WITH b AS (
  SELECT day, active, gaps, dormancy_opened, dormancy_ended, dormancy_cancelled FROM {schema}.m_address_block
  WHERE day >= {from}),
windows(kind, n) AS (VALUES ('active_7d', 7), ('active_30d', 30), ('active_90d', 90)),
gaps AS (
  SELECT b.day, g.key AS gap, CAST(g.value AS BIGINT) AS addresses FROM b, unnest(map_entries(b.gaps)) AS t(g)),
cancelled AS (
  SELECT b.day, g.key AS gap, CAST(g.value AS BIGINT) AS addresses
  FROM b, unnest(map_entries(b.dormancy_cancelled)) AS t(g)),
e(generated_day, event_day, kind, addresses) AS (
  -- an address active on day t, previously active on day p (gap t - p), is in an n-day window on days
  -- max(t, p + n) .. t + n - 1
  SELECT g.day, g.day + CASE WHEN g.gap > 0 AND g.gap < w.n THEN w.n - g.gap ELSE 0 END, w.kind, g.addresses
  FROM gaps g, windows w
  UNION ALL
  SELECT b.day, b.day + w.n, w.kind, -b.active FROM b, windows w
  -- an address holding a balance is dormant from 365 days after an activity until its next activity
  UNION ALL
  SELECT b.day, b.day + 365, 'dormant_1y', b.dormancy_opened FROM b
  UNION ALL
  SELECT b.day, b.day, 'dormant_1y', -b.dormancy_ended FROM b
  UNION ALL
  SELECT c.day, c.day + 365 - c.gap, 'dormant_1y', -c.addresses FROM cancelled c)
SELECT generated_day, event_day, kind, sum(addresses) FROM e GROUP BY ALL HAVING sum(addresses) <> 0;
