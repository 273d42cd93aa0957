package org.openbds.cli;

import java.nio.file.Path;
import org.openbds.api.Warehouse;
import org.openbds.duckdb.DuckDbWarehouse;

/** Opens the warehouse a command works on. */
final class Warehouses {
  private Warehouses() {}

  static Warehouse open(Path dataDirectory) {
    return DuckDbWarehouse.open(dataDirectory);
  }
}
