-- m_pool_address: the addresses of the pool_tags reference table (kind address), by address id. Addresses are looked
-- up once, when they first appear in the address dictionary, so that blocks are attributed by integer id.
-- create
CREATE TABLE IF NOT EXISTS {schema}.m_pool_address (
  address_id BIGINT NOT NULL,
  first_height BIGINT NOT NULL,
  pool VARCHAR NOT NULL,
  priority INTEGER NOT NULL);
-- refresh
DELETE FROM {schema}.m_pool_address WHERE first_height >= {changed_height};
INSERT INTO {schema}.m_pool_address
SELECT d.address_id, d.first_height, r.pool, r.priority
FROM {schema}.address_dictionary d
JOIN {schema}.m_ref_pool_tags r ON r.pattern = d.address
WHERE d.first_height >= {changed_height} AND r.kind = 'address'
  AND (r.chains = '' OR ',' || r.chains || ',' LIKE '%,{schema},%');
