package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.metrics.BitcoinTestChain.pay;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.QueryResult;
import org.openbds.duckdb.DuckDbWarehouse;

class MetricEngineTest {
  @TempDir Path dir;

  @Test
  void incrementalUpdatesAndRollbacksEqualAFromScratchComputation() {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(dir.resolve("a"))) {
      BitcoinTestChain chain = new BitcoinTestChain();
      chain.block("2026-01-01T10:00:00Z", 5_000, "A");
      long cb = chain.coinbase();
      chain.block("2026-01-01T23:59:59Z", 5_000, "B");
      chain.tx(200, 150, List.of(chain.output(cb, 0)), pay(3_000, "C"), pay(1_900, "A"));
      chain.writeTo(w);
      MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
      MetricUpdate first = engine.update(BitcoinTestChain.CHAIN, "bitcoin");
      assertThat(first.full()).isTrue();
      assertThat(value(engine, w, "TxCnt", "2026-01-01")).isEqualByComparingTo("1");
      assertThat(value(engine, w, "FeeTotNtv", "2026-01-01")).isEqualByComparingTo("100");
      assertThat(value(engine, w, "AdrActCnt", "2026-01-01")).isEqualByComparingTo("3");
      assertThat(engine.update(BitcoinTestChain.CHAIN, "bitcoin").changed()).isFalse();
    }
  }

  private static BigDecimal value(MetricEngine engine, DuckDbWarehouse w, String id, String day) {
    QueryResult r = engine.values(BitcoinTestChain.CHAIN, "bitcoin", List.of(id), LocalDate.parse(day), LocalDate.parse(day));
    assertThat(r.rows()).as(id + " on " + day).hasSize(1);
    return (BigDecimal) r.rows().get(0).get(3);
  }
}
