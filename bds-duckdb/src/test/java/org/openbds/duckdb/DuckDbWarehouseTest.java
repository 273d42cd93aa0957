package org.openbds.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BaseWarehouseTest;
import org.openbds.api.BdsException;
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

  @Test
  void aFailedBatchRollsBackReportsItsOwnErrorAndLeavesTheWarehouseUsable() {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(dir.resolve("batch"))) {
      w.execute("CREATE TABLE t (x DECIMAL(38,10))");
      assertThatThrownBy(
              () -> w.executeAtomically(
                  List.of("INSERT INTO t VALUES (1)", "INSERT INTO t SELECT CAST(CAST(repeat('9', 30) AS HUGEINT) AS DECIMAL(38,10))")))
          .isInstanceOf(BdsException.class)
          .hasMessageContaining("DECIMAL(38,10)");
      assertThat(w.query("SELECT count(*) FROM t").rows().get(0).get(0)).isEqualTo(0L);
    }
  }
}
