-- Macros the metrics share. m_xrp_mean(total, n): total / n for integers (sums of drops, counts…), rounded half up to
-- the 10 decimals a stored value has, computed in integers so that a mean of large drop sums stays exact (DuckDB
-- divides DECIMAL and HUGEINT values as DOUBLE). NULL when n is 0.
-- create
CREATE OR REPLACE MACRO {schema}.m_xrp_mean(total, n) AS
  CASE WHEN n <> 0 THEN
    CAST(divide(divide(CAST(total AS HUGEINT) * 100000000000, CAST(n AS HUGEINT)) + 5, 10) AS DECIMAL(38,0)) * CAST('0.0000000001' AS DECIMAL(11,10))
  END;
-- refresh
