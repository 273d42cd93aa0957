package org.openbds.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openbds.api.Warehouse;
import org.openbds.duckdb.DuckDbWarehouse;

/** Opens the warehouse a command works on. */
final class Warehouses {
  private Warehouses() {}

  static Warehouse open(Path dataDirectory) {
    return DuckDbWarehouse.open(dataDirectory);
  }

  /** Whether {@code dataDirectory} holds a warehouse; commands that only read check first rather than create one. */
  static boolean exists(Path dataDirectory) {
    return Files.exists(dataDirectory.resolve(DuckDbWarehouse.FILE_NAME));
  }
}
