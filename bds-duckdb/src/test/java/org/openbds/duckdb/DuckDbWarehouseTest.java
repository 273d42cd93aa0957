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
  void aBatchRunsAgainAfterAnotherConnectionChangedTheCatalog() throws Exception {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(dir.resolve("rebind"));
        java.sql.Connection other = w.openReader()) {
      w.execute("CREATE TABLE t AS SELECT range AS x FROM range(10)");
      w.execute("CREATE TABLE totals (n BIGINT)");
      List<String> batch =
          List.of(
              "CREATE OR REPLACE TEMP TABLE m_changes AS SELECT CAST(x AS INTEGER) AS band, count(*) AS n FROM t GROUP BY 1",
              "INSERT INTO m_changes SELECT CAST(x AS INTEGER), count(*) FROM t WHERE x < 5 GROUP BY 1",
              "INSERT INTO totals SELECT sum(n) FROM m_changes");
      for (int round = 0; round < 4; round++) {
        if (round >= 2) {
          try (java.sql.Statement st = other.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS elsewhere_" + round + " (y INTEGER)");
          }
        }
        w.executeAtomically(batch);
      }
      assertThat(w.query("SELECT count(*), min(n), max(n) FROM totals").rows().get(0)).containsExactly(4L, 15L, 15L);
    }
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

  @Test
  void statementsRunAgainSeeTheDataAndTablesOfTheirOwnRun() {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(dir.resolve("again"))) {
      w.execute("CREATE TABLE source (x INTEGER)");
      w.execute("CREATE TABLE sink (run INTEGER, total BIGINT, stamped_at TIMESTAMPTZ)");
      List<String> run = List.of("INSERT INTO source (x) SELECT count(*) + 1 FROM source", "INSERT INTO sink SELECT count(*), sum(x), now() FROM source");
      w.executeAtomically(run);
      w.executeAtomically(run);
      // the table is replaced by one of another shape: the same statements are planned again for it
      w.execute("CREATE OR REPLACE TABLE source (y VARCHAR, x INTEGER)");
      w.executeAtomically(List.of("INSERT INTO source VALUES ('a', 10)"));
      w.executeAtomically(run);
      // a statement that failed is not kept broken: it runs once its cause is gone
      w.execute("DROP TABLE source");
      assertThatThrownBy(() -> w.executeAtomically(run)).isInstanceOf(BdsException.class).hasMessageContaining("source");
      w.execute("CREATE TABLE source (x INTEGER)");
      w.executeAtomically(run);
      assertThat(w.query("SELECT run, total FROM sink ORDER BY run, total").rows())
          .containsExactly(List.of(1, 1L), List.of(1, 1L), List.of(2, 3L), List.of(2, 12L));
      assertThat(w.query("SELECT count(DISTINCT stamped_at) FROM sink").rows().get(0).get(0)).isEqualTo(4L);
    }
  }
}
