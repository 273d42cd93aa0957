package org.openbds.api;

/**
 * The SQL a warehouse speaks. Code that writes SQL uses what both understand; where they differ (pivots, typed value
 * tests, some aggregates), it asks the warehouse which one it has.
 */
public enum SqlDialect {
  /** The embedded DuckDB warehouse. */
  DUCKDB,
  /**
   * A PostgreSQL warehouse, whose connections also find the functions of the schema {@code bds_sql} (DuckDB's
   * {@code median}, {@code quantile_cont}, {@code arg_max}, {@code month}… with the same results).
   */
  POSTGRESQL
}
