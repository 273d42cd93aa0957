package org.openbds.duckdb;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BaseWarehouseTest;
import org.openbds.api.Warehouse;

class DuckDbWarehouseTest extends BaseWarehouseTest {
  @TempDir Path dir;

  @Override
  protected Warehouse createWarehouse() {
    return DuckDbWarehouse.open(dir);
  }

  @Override
  protected Warehouse reopenWarehouse() {
    return DuckDbWarehouse.open(dir);
  }
}
