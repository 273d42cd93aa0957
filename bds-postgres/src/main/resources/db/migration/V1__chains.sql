-- The chains this warehouse holds: each one's network and checkpoint (the last block whose rows are committed),
-- updated in the same transaction as the rows. The same table as the DuckDB warehouse's main.bds_chains.
CREATE TABLE IF NOT EXISTS main.bds_chains (
  chain TEXT COLLATE "C" PRIMARY KEY,
  network TEXT NOT NULL,
  schema_version INTEGER NOT NULL,
  tip_height BIGINT,
  tip_hash TEXT,
  updated_at TIMESTAMP
);
