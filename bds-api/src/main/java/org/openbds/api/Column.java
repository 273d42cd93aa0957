package org.openbds.api;

import static java.util.Objects.requireNonNull;

/** One column of a warehouse table, with the description that documents it. */
public record Column(String name, ColumnType type, boolean nullable, String description) {
  public Column {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(description, "description is null");
  }

  public static Column required(String name, ColumnType type, String description) {
    return new Column(name, type, false, description);
  }

  public static Column nullable(String name, ColumnType type, String description) {
    return new Column(name, type, true, description);
  }
}
