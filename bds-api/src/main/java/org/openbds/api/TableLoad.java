package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * Rows to append to an existing table, written by {@code rows} in the table's column order: how an engine outside the
 * block path (clustering) stores what it computed in Java.
 */
public record TableLoad(String schema, String table, Consumer<RowWriter> rows) {
  public TableLoad {
    requireNonNull(schema, "schema is null");
    requireNonNull(table, "table is null");
    requireNonNull(rows, "rows is null");
  }
}
