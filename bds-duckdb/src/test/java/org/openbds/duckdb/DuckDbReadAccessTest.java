package org.openbds.duckdb;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BaseReadAccessTest;
import org.openbds.api.Warehouse;

/** The read-access conformance suite on the embedded warehouse; its own escapes are in {@link DuckDbSandboxCheckTest}. */
class DuckDbReadAccessTest extends BaseReadAccessTest {
  @TempDir Path dir;

  @Override
  protected Warehouse createWarehouse() {
    return DuckDbWarehouse.open(dir);
  }
}
