package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column of a warehouse table, with the description that documents it. An {@link ColumnType#ENUM} column lists
 * its allowed values (the warehouse stores them as small codes); other columns have none.
 */
public record Column(String name, ColumnType type, boolean nullable, String description, List<String> enumValues) {
  /** Names PostgreSQL gives every table's system columns: a table with a column of one of them cannot be created there. */
  private static final java.util.Set<String> SYSTEM_COLUMNS = java.util.Set.of("ctid", "xmin", "xmax", "cmin", "cmax", "tableoid", "oid");

  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(description, "description is null");
    enumValues = List.copyOf(enumValues);
    if (SYSTEM_COLUMNS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("column " + name + ": the name of a PostgreSQL system column, which no table can have");
    }
    if ((type == ColumnType.ENUM) == enumValues.isEmpty()) {
      throw new IllegalArgumentException("column " + name + ": enum values go with (and only with) ENUM columns");
    }
  }

  public static Column required(String name, ColumnType type, String description) {
    return new Column(name, type, false, description, List.of());
  }

  public static Column nullable(String name, ColumnType type, String description) {
    return new Column(name, type, true, description, List.of());
  }

  /** A column holding one of a fixed set of short strings. */
  public static Column enumeration(String name, List<String> values, boolean nullable, String description) {
    return new Column(name, ColumnType.ENUM, nullable, description, values);
  }
}
