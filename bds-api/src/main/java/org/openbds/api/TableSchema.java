package org.openbds.api;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A warehouse table of one chain family. {@code heightColumn} names the column holding the height of the block a row
 * came from, so that a rollback can remove the rows of orphaned blocks without knowing the family.
 */
public record TableSchema(String name, String description, String heightColumn, List<Column> columns) {
  public TableSchema {
    requireNonNull(name, "name is null");
    requireNonNull(description, "description is null");
    requireNonNull(heightColumn, "heightColumn is null");
    columns = List.copyOf(columns);
    if (columns.stream().noneMatch(c -> c.name().equals(heightColumn))) {
      throw new IllegalArgumentException("table " + name + " has no column " + heightColumn);
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
