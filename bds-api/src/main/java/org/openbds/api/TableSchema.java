package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A warehouse table of one chain family. Every table has a {@code block_height} column so that a rollback can remove
 * the rows of orphaned blocks generically.
 */
public record TableSchema(String name, String description, List<Column> columns) {
  public TableSchema {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    columns = List.copyOf(columns);
    if (columns.stream().noneMatch(c -> c.name().equals("block_height"))) {
      throw new IllegalArgumentException("table " + name + " has no block_height column");
    }
  }

  public int columnIndex(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    throw new IllegalArgumentException("table " + name + " has no column " + column);
  }
}
