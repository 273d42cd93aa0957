-- Macros the metrics share. m_eth_mean(total, n): total / n for integers (HUGEINT sums of wei, counts…), rounded half
-- up to the 10 decimals a stored value has, computed in integers: DuckDB divides DECIMAL and HUGEINT values as DOUBLE,
-- whose 53-bit mantissa cannot hold a mean of wei amounts exactly. NULL when n is 0. An overflow is an error.
-- m_eth_level(x): the place of a positive amount on a logarithmic scale, four steps per power of two.
-- m_eth_prefix(address): the first 15 hex digits of a 0x address as an integer (a compact key for finding addresses).
-- create
CREATE OR REPLACE MACRO {schema}.m_eth_mean(total, n) AS
  CASE WHEN n <> 0 THEN
    CAST(divide(divide(CAST(total AS HUGEINT) * 100000000000, CAST(n AS HUGEINT)) + 5, 10) AS DECIMAL(38,0)) * CAST('0.0000000001' AS DECIMAL(11,10))
  END;
CREATE OR REPLACE MACRO {schema}.m_eth_level(x) AS
  CASE WHEN x > 0 THEN CAST(floor(log2(CAST(x AS DOUBLE)) * 4) AS SMALLINT) END;
-- duckdb only
CREATE OR REPLACE MACRO {schema}.m_eth_prefix(address) AS CAST('0x' || substr(address, 3, 15) AS BIGINT);
-- postgresql only
CREATE OR REPLACE FUNCTION {schema}.m_eth_prefix(address TEXT) RETURNS BIGINT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CAST(CAST('x' || lpad(substr(address, 3, 15), 16, '0') AS BIT(64)) AS BIGINT);
-- refresh
