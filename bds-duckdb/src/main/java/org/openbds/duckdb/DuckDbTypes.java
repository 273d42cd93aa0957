package org.openbds.duckdb;

import org.openbds.api.ColumnType;

/** How the API's column types are spelled in DuckDB. */
public final class DuckDbTypes {
  private DuckDbTypes() {}

  public static String sqlType(ColumnType type) {
    switch (type) {
      case BIGINT:
        return "BIGINT";
      case INTEGER:
        return "INTEGER";
      case BOOLEAN:
        return "BOOLEAN";
      case VARCHAR:
        return "VARCHAR";
      case BLOB:
        return "BLOB";
      case TIMESTAMP:
        return "TIMESTAMP";
      case VARCHAR_LIST:
        return "VARCHAR[]";
      case DOUBLE:
        return "DOUBLE";
      default:
        throw new IllegalArgumentException("unmapped column type " + type);
    }
  }
}
