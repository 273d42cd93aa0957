package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Times the Ethereum catalog on a synthetic chain ({@link EthereumSyntheticChain}): a computation from scratch with the
 * last blocks held back, then the update after each of them. Run on demand, for example
 * {@code mvn -pl bds-metrics -am verify -Dit.test=EthereumMetricsBenchmarkIT -Dbds.bench.eth.txs=10000000}; the
 * machine's other load shows in the times, so they are printed, not asserted.
 */
@EnabledIfSystemProperty(named = "bds.bench.eth.txs", matches = "[0-9]+")
class EthereumMetricsBenchmarkIT {
  static final List<String> TABLES =
      List.of("blocks:number", "transactions:block_number", "logs:block_number", "traces:block_number", "contracts:block_number",
          "token_transfers:block_number", "tokens:block_number", "withdrawals:block_number", "uncles:block_number",
          "balance_changes:block_number");

  @TempDir Path dir;

  @Test
  void computationFromScratchAndOneBlockUpdates() {
    long transactions = Long.getLong("bds.bench.eth.txs");
    int held = Integer.getInteger("bds.bench.eth.held", 5);
    try (DuckDbWarehouse w = DuckDbWarehouse.open(dir)) {
      long t0 = System.nanoTime();
      EthereumSyntheticChain.write(w, transactions);
      System.out.printf("synthetic chain of %,d transactions written in %.1f s%n", transactions, (System.nanoTime() - t0) / 1e9);
      long top = ((Number) w.query("SELECT max(number) FROM eth.blocks").rows().get(0).get(0)).longValue();
      w.execute("CREATE SCHEMA spare");
      for (String t : TABLES) {
        String[] p = t.split(":");
        w.execute("CREATE TABLE spare." + p[0] + " AS SELECT *" + digitsOnly(w, p[0]) + " FROM eth." + p[0] + " WHERE " + p[1] + " > " + (top - held));
        w.execute("DELETE FROM eth." + p[0] + " WHERE " + p[1] + " > " + (top - held));
      }
      MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
      MetricUpdate full = engine.recompute(EthereumTestChain.CHAIN, "ethereum");
      System.out.printf("computation from scratch: %.1f s%n", full.took().toMillis() / 1e3);
      List<Long> millis = new ArrayList<>();
      for (long h = top - held + 1; h <= top; h++) {
        for (String t : TABLES) {
          String[] p = t.split(":");
          w.execute("INSERT INTO eth." + p[0] + " BY NAME SELECT * FROM spare." + p[0] + " WHERE " + p[1] + " = " + h);
        }
        MetricUpdate u = engine.update(EthereumTestChain.CHAIN, "ethereum");
        millis.add(u.took().toMillis());
        assertThat(u.full()).isFalse();
      }
      System.out.println("updates after one block each (ms): " + millis);
      LocalDate first = LocalDate.parse("2026-01-01");
      BigDecimal counted = BigDecimal.ZERO;
      for (List<Object> row : engine.values(EthereumTestChain.CHAIN, "ethereum", List.of("TxCnt"), first, first.plusYears(1)).rows()) {
        counted = counted.add((BigDecimal) row.get(3));
      }
      assertThat(counted.longValue()).isEqualTo(transactions);
    }
  }

  /** The table's columns without the BIGNUM ones DuckDB computes from their digits (they cannot be copied). */
  private static String digitsOnly(DuckDbWarehouse w, String table) {
    List<String> computed = new ArrayList<>();
    for (List<Object> r : w.query("SELECT column_name FROM duckdb_columns() WHERE schema_name = 'eth' AND table_name = ? AND data_type = 'BIGNUM'", table).rows()) {
      computed.add('"' + (String) r.get(0) + '"');
    }
    return computed.isEmpty() ? "" : " EXCLUDE (" + String.join(", ", computed) + ")";
  }
}
