package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Times the Bitcoin family's metrics on a large imported chain: a computation from scratch, then updates after one new
 * block at a time. Runs only when {@code bds.metrics.bench.warehouse} names a warehouse directory holding an imported
 * {@code btc} chain, for example a generated one:
 *
 * <pre>
 * bds generate --chain btc --txs 10000000 --txs-per-block 100 --out /tmp/blocks
 * bds import --chain btc --network synthetic --blocks /tmp/blocks --data /tmp/warehouse
 * mvn -pl bds-metrics -am test -Dtest=BitcoinMetricsBenchmark -Dbds.metrics.bench.warehouse=/tmp/warehouse \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The warehouse is copied first; its last {@code bds.metrics.bench.blocks} blocks (default 10) are held back and added
 * one at a time. Wall and CPU time are printed (the CPU time of this process, DuckDB's threads included, shows how much
 * of the wall time other processes took on a shared machine). The values after the updates must equal those of a
 * computation from scratch.
 */
@EnabledIfSystemProperty(named = "bds.metrics.bench.warehouse", matches = ".+")
class BitcoinMetricsBenchmark {
  private static final List<String> TABLES =
      List.of("blocks:height", "transactions:block_height", "tx_inputs:block_height", "tx_outputs:block_height",
          "input_scripts:block_height", "output_scripts:block_height", "address_dictionary:first_height");

  @TempDir Path dir;

  @Test
  void fullComputationAndOneBlockUpdates() throws Exception {
    Path source = Path.of(System.getProperty("bds.metrics.bench.warehouse"));
    int held = Integer.getInteger("bds.metrics.bench.blocks", 10);
    Files.copy(source.resolve(DuckDbWarehouse.FILE_NAME), dir.resolve(DuckDbWarehouse.FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
    ChainId chain = new ChainId("btc");
    try (DuckDbWarehouse w = DuckDbWarehouse.open(dir)) {
      long tip = ((Number) w.query("SELECT max(height) FROM btc.blocks").rows().get(0).get(0)).longValue();
      List<String> holdBack = new ArrayList<>();
      for (String t : TABLES) {
        String[] p = t.split(":");
        holdBack.add("CREATE TABLE btc.held_" + p[0] + " AS SELECT * FROM btc." + p[0] + " WHERE " + p[1] + " > " + (tip - held));
        holdBack.add("DELETE FROM btc." + p[0] + " WHERE " + p[1] + " > " + (tip - held));
      }
      w.executeAtomically(holdBack);
      MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
      long wall = System.nanoTime();
      long cpu = cpu();
      MetricUpdate full = engine.recompute(chain, "bitcoin");
      System.out.printf("full computation: %d metrics, %s to %s: %.1f s wall, %.1f s CPU%n", full.metrics(), full.from().orElseThrow(),
          full.to().orElseThrow(), (System.nanoTime() - wall) / 1e9, (cpu() - cpu) / 1e9);
      for (long h = tip - held + 1; h <= tip; h++) {
        List<String> add = new ArrayList<>();
        for (String t : TABLES) {
          String[] p = t.split(":");
          add.add("INSERT INTO btc." + p[0] + " SELECT * FROM btc.held_" + p[0] + " WHERE " + p[1] + " = " + h);
        }
        w.executeAtomically(add);
        wall = System.nanoTime();
        cpu = cpu();
        MetricUpdate one = engine.update(chain, "bitcoin");
        System.out.printf("block %d: %.1f ms wall, %.1f ms CPU (recomputed from %s)%n", h, (System.nanoTime() - wall) / 1e6,
            (cpu() - cpu) / 1e6, one.from().orElseThrow());
        assertThat(one.full()).isFalse();
      }
      MetricAssertions.assertIncrementalEqualsFull(engine, w, chain, "bitcoin");
    }
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
