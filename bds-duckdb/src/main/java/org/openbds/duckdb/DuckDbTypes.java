package org.openbds.duckdb;

import org.openbds.api.ColumnType;

/** How the API's column types are spelled in DuckDB. */
public final class DuckDbTypes {
  private DuckDbTypes() {}

  /** The DuckDB type of a column; an enumeration becomes an inline {@code ENUM('a', 'b', ...)}. */
  public static String sqlType(org.openbds.api.Column column) {
    if (column.type() == ColumnType.ENUM) {
      StringBuilder sb = new StringBuilder("ENUM(");
      for (int i = 0; i < column.enumValues().size(); i++) {
        sb.append(i == 0 ? "" : ", ").append('\'').append(column.enumValues().get(i).replace("'", "''")).append('\'');
      }
      return sb.append(')').toString();
    }
    return sqlType(column.type());
  }

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
        throw new IllegalArgumentException("unmapped column type " + type + " (an ENUM needs its column)");
    }
  }
}
