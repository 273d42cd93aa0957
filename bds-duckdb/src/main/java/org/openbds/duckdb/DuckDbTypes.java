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

  /**
   * DuckDB's appender cannot write BIGNUM values, so a {@link ColumnType#BIG_INTEGER} column {@code x} is stored as its
   * decimal digits in {@code x_digits} (VARCHAR) and read as the virtual BIGNUM column {@code x} computed from them:
   * exact in sums, comparisons and sorting.
   */
  public static final String DIGITS_SUFFIX = "_digits";

  /** The column definitions of one column in CREATE TABLE (two for a BIG_INTEGER column). */
  public static String columnDefinitions(org.openbds.api.Column c) {
    String notNull = c.nullable() ? "" : " NOT NULL";
    if (c.type() == ColumnType.BIG_INTEGER) {
      String digits = c.name() + DIGITS_SUFFIX;
      return quoted(digits) + " VARCHAR" + notNull + ", " + quoted(c.name()) + " BIGNUM GENERATED ALWAYS AS (CAST(" + quoted(digits) + " AS BIGNUM)) VIRTUAL";
    }
    return quoted(c.name()) + " " + sqlType(c) + notNull;
  }

  private static String quoted(String name) {
    return '"' + name + '"';
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
      case BIG_INTEGER:
        return "BIGNUM";
      default:
        throw new IllegalArgumentException("unmapped column type " + type + " (an ENUM needs its column)");
    }
  }
}
