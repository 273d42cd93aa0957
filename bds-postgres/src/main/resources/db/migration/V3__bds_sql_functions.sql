-- The type names and scalar functions that the product's SQL (metrics, reports) uses and PostgreSQL lacks, in the
-- schema bds_sql, which every connection of the warehouse has on its search path after public. Each returns what
-- DuckDB's function of the same name returns for the same values. (Medians and quantiles are written as PostgreSQL's
-- ordered-set aggregates by the code that sends the SQL.)
CREATE SCHEMA IF NOT EXISTS bds_sql;
-- every role may use them (a read-only role serving the warehouse, analysts' own roles): they only compute
GRANT USAGE ON SCHEMA bds_sql TO PUBLIC;

-- type names
CREATE DOMAIN bds_sql.hugeint AS NUMERIC(39, 0);
CREATE DOMAIN bds_sql.ubigint AS NUMERIC(20, 0) CHECK (VALUE >= 0);
CREATE DOMAIN bds_sql.uinteger AS BIGINT CHECK (VALUE >= 0 AND VALUE <= 4294967295);
CREATE DOMAIN bds_sql.tinyint AS SMALLINT CHECK (VALUE >= -128 AND VALUE <= 127);
CREATE DOMAIN bds_sql.double AS DOUBLE PRECISION;

-- scalar functions
CREATE FUNCTION bds_sql.from_hex(hex TEXT) RETURNS BYTEA LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN decode(hex, 'hex');
-- upper-case hex digits of bytes, or of a text's UTF-8 bytes
CREATE FUNCTION bds_sql.hex(b BYTEA) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN upper(encode(b, 'hex'));
CREATE FUNCTION bds_sql.hex(t TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN upper(encode(convert_to(t, 'UTF8'), 'hex'));
CREATE FUNCTION bds_sql.contains(haystack TEXT, needle TEXT) RETURNS BOOLEAN LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN strpos(haystack, needle) > 0;
-- DuckDB's integer division (a // b), truncated toward zero
CREATE FUNCTION bds_sql.divide(a INTEGER, b INTEGER) RETURNS INTEGER LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN a / b;
CREATE FUNCTION bds_sql.divide(a BIGINT, b BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN a / b;
CREATE FUNCTION bds_sql.divide(a NUMERIC, b NUMERIC) RETURNS NUMERIC LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN div(a, b);
CREATE FUNCTION bds_sql.log2(x DOUBLE PRECISION) RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ln(x) / ln(2.0::DOUBLE PRECISION);
CREATE FUNCTION bds_sql.log2(x NUMERIC) RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN ln(x::DOUBLE PRECISION) / ln(2.0::DOUBLE PRECISION);
CREATE FUNCTION bds_sql.month(d TIMESTAMP) RETURNS INTEGER LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN extract(MONTH FROM d)::INTEGER;
CREATE FUNCTION bds_sql.month(d DATE) RETURNS INTEGER LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN extract(MONTH FROM d)::INTEGER;
CREATE FUNCTION bds_sql.hour(t TIMESTAMP) RETURNS INTEGER LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN extract(HOUR FROM t)::INTEGER;
-- seconds since 1970-01-01 00:00 of a timestamp without time zone (a UTC time)
CREATE FUNCTION bds_sql.epoch(t TIMESTAMP) RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN extract(EPOCH FROM t)::DOUBLE PRECISION;
-- whole units crossed from a to b, as DuckDB's date_diff counts them (not STRICT, so that PostgreSQL puts the
-- expression in place of the call: a call per row costs microseconds; NULL in, NULL out all the same)
CREATE FUNCTION bds_sql.date_diff(part TEXT, a TIMESTAMP, b TIMESTAMP) RETURNS BIGINT LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE lower(part)
    WHEN 'second' THEN (floor(extract(EPOCH FROM b)) - floor(extract(EPOCH FROM a)))::BIGINT
    WHEN 'minute' THEN (floor(extract(EPOCH FROM date_trunc('minute', b)) / 60) - floor(extract(EPOCH FROM date_trunc('minute', a)) / 60))::BIGINT
    WHEN 'hour' THEN (floor(extract(EPOCH FROM date_trunc('hour', b)) / 3600) - floor(extract(EPOCH FROM date_trunc('hour', a)) / 3600))::BIGINT
    WHEN 'day' THEN (b::DATE - a::DATE)::BIGINT
    END;
CREATE FUNCTION bds_sql.date_diff(part TEXT, a DATE, b DATE) RETURNS BIGINT LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN bds_sql.date_diff(part, a::TIMESTAMP, b::TIMESTAMP);
-- the strftime codes the product uses: %Y %m %d %H %M %S
CREATE FUNCTION bds_sql.strftime(t TIMESTAMP, format TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN to_char(t, replace(replace(replace(replace(replace(replace(format, '%Y', 'YYYY'), '%m', 'MM'), '%d', 'DD'), '%H', 'HH24'), '%M', 'MI'), '%S', 'SS'));
CREATE FUNCTION bds_sql.strftime(d DATE, format TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN bds_sql.strftime(d::TIMESTAMP, format);
