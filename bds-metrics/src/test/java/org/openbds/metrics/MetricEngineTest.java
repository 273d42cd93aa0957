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
import static org.openbds.metrics.BitcoinTestChain.pay;
import org.openbds.api.Warehouse;

class MetricEngineTest {
  @TempDir Path dir;

  @Test
  void incrementalUpdatesAndRollbacksEqualAFromScratchComputation() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("a"))) {
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

  @Test
  void blockByBlockUpdatesSameDayAppendsAndAReorgEqualAComputationFromScratch() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("b"))) {
      MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
      BitcoinTestChain chain = new BitcoinTestChain();
      String[] times = {"2026-02-01T08:00:00Z", "2026-02-01T09:00:00Z", "2026-02-01T20:00:00Z", "2026-02-02T01:00:00Z", "2026-02-02T02:00:00Z"};
      long previousCoinbase = -1;
      for (int i = 0; i < times.length; i++) {
        chain.block(times[i], 5_000, "M" + (i % 2));
        if (previousCoinbase >= 0) {
          chain.tx(200, 200, List.of(chain.output(previousCoinbase, 0)), pay(1_000, "U" + i), pay(3_900, "M" + (i % 2)));
        }
        previousCoinbase = chain.coinbase();
        chain.writeTo(w);
        MetricUpdate u = engine.update(BitcoinTestChain.CHAIN, "bitcoin");
        assertThat(u.changed()).isTrue();
        assertThat(u.full()).isEqualTo(i == 0);
      }
      assertThat(value(engine, w, "AdrBalCnt", "2026-02-02")).as("M0, M1, U1..U4").isEqualByComparingTo("6");
      MetricAssertions.assertIncrementalEqualsFull(engine, w, BitcoinTestChain.CHAIN, "bitcoin");
      // a reorg replaces the last two blocks with three others, one of them back on the first day
      chain.rollBack(w, 3);
      chain.block("2026-02-01T23:00:00Z", 5_000, "R");
      chain.tx(300, 300, List.of(chain.output(2, 0)), pay(4_000, "V"));
      chain.block("2026-02-02T03:00:00Z", 5_000, "R");
      chain.block("2026-02-03T03:00:00Z", 5_000, "W");
      chain.writeTo(w);
      MetricUpdate u = engine.update(BitcoinTestChain.CHAIN, "bitcoin");
      assertThat(u.full()).isFalse();
      assertThat(u.firstHeight()).isEqualTo(3);
      assertThat(u.from()).contains(LocalDate.parse("2026-02-01"));
      MetricAssertions.assertIncrementalEqualsFull(engine, w, BitcoinTestChain.CHAIN, "bitcoin");
      assertThat(value(engine, w, "BlkCnt", "2026-02-01")).isEqualByComparingTo("4");
    }
  }

  @Test
  void aNewBlockAddsItsPartToItsOwnDayEvenWhenItsTimeGoesBackADay() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("c"))) {
      MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
      BitcoinTestChain chain = new BitcoinTestChain();
      // header times need only exceed the median of the last eleven: block 3 is back on the first day
      String[] times = {"2026-03-01T22:00:00Z", "2026-03-01T23:00:00Z", "2026-03-02T00:10:00Z", "2026-03-01T23:50:00Z", "2026-03-02T00:30:00Z"};
      long previousCoinbase = -1;
      for (int i = 0; i < times.length; i++) {
        chain.block(times[i], 5_000, "M");
        if (previousCoinbase >= 0) {
          chain.tx(200, 200, List.of(chain.output(previousCoinbase, 0)), pay(1_000, "U" + i), pay(2_000, "V" + i), pay(1_900, "M"));
        }
        previousCoinbase = chain.coinbase();
        chain.writeTo(w);
        MetricUpdate u = engine.update(BitcoinTestChain.CHAIN, "bitcoin");
        assertThat(u.full()).isEqualTo(i == 0);
      }
      // one part per run that added blocks to a day: the first run's, then one per appended block (parts are kept on the
      // embedded warehouse only)
      boolean parts = !TestWarehouses.onPostgres();
      if (parts) {
        assertThat(w.query("SELECT day, count(*) FROM btc.m_parts_outputs GROUP BY day ORDER BY day").rows().toString())
            .isEqualTo("[[2026-03-01, 3], [2026-03-02, 2]]");
      }
      // outputs: a coinbase per block, 3 outputs per payment (blocks 0, 1 and 3 on the first day, 2 and 4 on the next)
      assertThat(value(engine, w, "OutCnt", "2026-03-01")).isEqualByComparingTo("9");
      assertThat(value(engine, w, "OutCnt", "2026-03-02")).isEqualByComparingTo("8");
      assertThat(value(engine, w, "InCnt", "2026-03-01")).isEqualByComparingTo("2");
      assertThat(value(engine, w, "TxCnt", "2026-03-02")).isEqualByComparingTo("2");
      MetricAssertions.assertIncrementalEqualsFull(engine, w, BitcoinTestChain.CHAIN, "bitcoin");
      if (parts) {
        assertThat(w.query("SELECT count(*) FROM btc.m_parts_outputs").rows().get(0).get(0)).as("one part per day after a full run").isEqualTo(2L);
      }
      // a one-block reorg of the back-dated block's successor: the days from its day on are cut into parts again
      chain.rollBack(w, 4);
      chain.block("2026-03-02T00:40:00Z", 5_000, "R");
      chain.writeTo(w);
      assertThat(engine.update(BitcoinTestChain.CHAIN, "bitcoin").full()).isFalse();
      assertThat(value(engine, w, "OutCnt", "2026-03-02")).isEqualByComparingTo("5");
      MetricAssertions.assertIncrementalEqualsFull(engine, w, BitcoinTestChain.CHAIN, "bitcoin");
    }
  }

  @Test
  void blocksAddedAgainAfterEveryBlockWasRemovedAreNotCountedTwice() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("d"))) {
      MetricEngine engine = new MetricEngine(w, MetricCatalog.load());
      BitcoinTestChain chain = new BitcoinTestChain();
      chain.block("2026-04-01T10:00:00Z", 5_000, "A");
      chain.block("2026-04-01T11:00:00Z", 5_000, "B");
      chain.writeTo(w);
      engine.update(BitcoinTestChain.CHAIN, "bitcoin");
      chain.rollBack(w, 0);
      assertThat(engine.update(BitcoinTestChain.CHAIN, "bitcoin").from()).isEmpty();
      chain.block("2026-04-01T12:00:00Z", 5_000, "C");
      chain.writeTo(w);
      assertThat(engine.update(BitcoinTestChain.CHAIN, "bitcoin").full()).isTrue();
      assertThat(value(engine, w, "OutCnt", "2026-04-01")).as("only the new block's coinbase").isEqualByComparingTo("1");
      MetricAssertions.assertIncrementalEqualsFull(engine, w, BitcoinTestChain.CHAIN, "bitcoin");
    }
  }

  private static BigDecimal value(MetricEngine engine, Warehouse w, String id, String day) {
    QueryResult r = engine.values(BitcoinTestChain.CHAIN, "bitcoin", List.of(id), LocalDate.parse(day), LocalDate.parse(day));
    assertThat(r.rows()).as(id + " on " + day).hasSize(1);
    return (BigDecimal) r.rows().get(0).get(3);
  }
}
