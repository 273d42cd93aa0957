package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One column of a warehouse table, with the description that documents it. An {@link ColumnType#ENUM} column lists
 * its allowed values (the warehouse stores them as small codes); other columns have none.
 */
public record Column(String name, ColumnType type, boolean nullable, String description, List<String> enumValues) {
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(description, "description is null");
    enumValues = List.copyOf(enumValues);
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
