package org.openbds.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.postgres.PostgresUrl;
import org.openbds.postgres.PostgresWarehouse;

/**
 * Opens the warehouse a command works on: the PostgreSQL server {@code --warehouse} (or {@code BDS_WAREHOUSE}) names,
 * else the embedded DuckDB file in the {@code --data} directory.
 */
final class Warehouses {
  private Warehouses() {}

  static Warehouse open(BdsCommand root) {
    if (isServer(root)) {
      return PostgresWarehouse.open(root.warehouse);
    }
    return open(root.data);
  }

  static Warehouse open(Path dataDirectory) {
    return DuckDbWarehouse.open(dataDirectory);
  }

  /** Whether a warehouse is there; commands that only read check first rather than create one. A server always is. */
  static boolean exists(BdsCommand root) {
    return isServer(root) || Files.exists(root.data.resolve(DuckDbWarehouse.FILE_NAME));
  }

  /** The warehouse as messages name it: the server's URL without its password, or the data directory. */
  static String describe(BdsCommand root) {
    return isServer(root) ? PostgresUrl.parse(root.warehouse).toString() : root.data.toString();
  }

  static boolean isServer(BdsCommand root) {
    String url = root.warehouse;
    if (url == null || url.isBlank()) {
      return false;
    }
    if (url.startsWith("postgresql:") || url.startsWith("postgres:") || url.startsWith("jdbc:postgresql:")) {
      return true;
    }
    throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--warehouse takes a PostgreSQL URL, postgresql://user:password@host:port/database;"
        + " the embedded warehouse is chosen with --data");
  }
}
