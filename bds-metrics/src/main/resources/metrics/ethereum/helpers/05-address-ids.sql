-- m_eth_address_id: a number for every address the metrics meet, so that the per-address helpers hold integers
-- instead of 42-character strings (DuckDB groups, joins and writes integers several times faster). The zero address is
-- number 0. prefix: the address's first 15 hex digits as an integer; a helper looks an address up by it (a join on an
-- integer) and then compares the whole address in a separate statement, which keeps DuckDB from hashing every stored
-- string. contract_day: the first day the address was created as a contract (table contracts), if it was. Numbers are
-- never taken back: an address met only in blocks a reorganisation replaced keeps an unused one. The helpers that
-- meet addresses (30-, 50-) add them.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_eth_address_id (
  address VARCHAR NOT NULL,
  id INTEGER NOT NULL,
  prefix BIGINT NOT NULL,
  contract_day DATE);
-- refresh
INSERT INTO {schema}.m_eth_address_id
SELECT '0x0000000000000000000000000000000000000000', 0, 0, NULL
WHERE NOT EXISTS (SELECT 1 FROM {schema}.m_eth_address_id WHERE id = 0);
UPDATE {schema}.m_eth_address_id SET contract_day = NULL WHERE NOT {append} AND contract_day >= {from};
