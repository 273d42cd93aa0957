package org.openbds.postgres;

import org.openbds.api.Column;
import org.openbds.api.ColumnType;
import org.openbds.api.TableSchema;

/**
 * How the API's column types are spelled in PostgreSQL. Text is compared and sorted byte by byte ({@code COLLATE "C"})
 * whatever the server's locale, as DuckDB does.
 */
public final class PostgresTypes {
  private PostgresTypes() {}

  /** Holds every 256-bit value, signed: 2^256 - 1 has 78 digits. */
  public static final String BIG_INTEGER = "NUMERIC(78,0)";

  public static String sqlType(ColumnType type) {
    switch (type) {
      case BIGINT:
        return "BIGINT";
      case INTEGER:
        return "INTEGER";
      case BOOLEAN:
        return "BOOLEAN";
      case VARCHAR:
      case ENUM:
        return "TEXT COLLATE \"C\"";
      case BLOB:
        return "BYTEA";
      case TIMESTAMP:
        // an instant in UTC, without zone, as DuckDB's TIMESTAMP
        return "TIMESTAMP";
      case VARCHAR_LIST:
        return "TEXT[]";
      case DOUBLE:
        return "DOUBLE PRECISION";
      case BIG_INTEGER:
        return BIG_INTEGER;
      default:
        throw new IllegalArgumentException("unmapped column type " + type);
    }
  }

  /**
   * A column in CREATE TABLE. An enumeration is text with a CHECK of its values, not a PostgreSQL enum type: a
   * comparison with a string parameter or an unknown literal then works as in DuckDB instead of failing.
   */
  public static String columnDefinition(Column c) {
    StringBuilder sql = new StringBuilder(quoted(c.name())).append(' ').append(sqlType(c.type()));
    if (!c.nullable()) {
      sql.append(" NOT NULL");
    }
    if (c.type() == ColumnType.ENUM) {
      sql.append(" CHECK (").append(quoted(c.name())).append(" IN (");
      for (int i = 0; i < c.enumValues().size(); i++) {
        sql.append(i == 0 ? "" : ", ").append(literal(c.enumValues().get(i)));
      }
      sql.append("))");
    }
    return sql.toString();
  }

  static String createTable(String schema, TableSchema t) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(schema).append('.').append(t.name()).append(" (");
    for (int i = 0; i < t.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(columnDefinition(t.columns().get(i)));
    }
    return sql.append(')').toString();
  }

  static String quoted(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }
}
