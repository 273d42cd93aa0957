package org.openbds.server;

import java.util.Optional;
import org.openbds.api.SqlDialect;

/**
 * The few spellings the server's SQL cannot share between the warehouses: wide integer types, the median, array
 * parameters, and where the catalog lists indexes. Everything else the server runs is written once, in SQL both understand.
 */
enum WarehouseDialect {
  DUCKDB("HUGEINT", "BIGNUM", "BIGINT", "SELECT 1 FROM duckdb_indexes() WHERE schema_name = ? AND index_name = ?"),
  POSTGRESQL("NUMERIC(38,0)", "NUMERIC", "bigint", "SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?");

  /** An integer type of 128 bits at least: sums of 64-bit columns. */
  final String wideInteger;
  /** An integer type of any size: 256-bit values (wei, token amounts). */
  final String bigInteger;
  /** The name the driver takes for the elements of a BIGINT array parameter. */
  final String bigintArrayElement;
  /** A query with a row when the index named by the second parameter exists in the schema the first names. */
  final String indexExists;

  WarehouseDialect(String wideInteger, String bigInteger, String bigintArrayElement, String indexExists) {
    this.wideInteger = wideInteger;
    this.bigInteger = bigInteger;
    this.bigintArrayElement = bigintArrayElement;
    this.indexExists = indexExists;
  }

  /** The median of {@code expression}: DuckDB's {@code median}, PostgreSQL's ordered-set {@code percentile_cont}. */
  String median(String expression) {
    return this == DUCKDB ? "median(" + expression + ")" : "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + expression + ")";
  }

  /**
   * A statement that makes the current transaction wait for, then hold until it ends, the lock named {@code key}
   * among all processes sharing the warehouse; none for DuckDB, whose file one process opens.
   */
  Optional<String> exclusiveLock(String key) {
    return this == DUCKDB ? Optional.empty() : Optional.of("SELECT pg_advisory_xact_lock(hashtext('" + key.replace("'", "''") + "'))");
  }

  /** The spellings of a warehouse that speaks {@code dialect}. */
  static WarehouseDialect of(SqlDialect dialect) {
    return dialect == SqlDialect.DUCKDB ? DUCKDB : POSTGRESQL;
  }
}
