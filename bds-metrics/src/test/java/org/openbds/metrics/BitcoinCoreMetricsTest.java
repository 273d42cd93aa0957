package org.openbds.metrics;

import static org.openbds.metrics.BitcoinTestChain.pay;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.Warehouse;

/**
 * Block, transaction, fee and address metrics on a three-day hand-built chain, written and updated day by day.
 *
 * <pre>
 * day 1 (2026-01-01)  h0 10:00  coinbase 5000 -> A
 *                     h1 23:59  coinbase 5000 -> B;  t2 spends h0:0 (A 5000) -> C 3000, A 1900   (fee 100)
 * day 2 (2026-01-02)  h2 00:00  coinbase 5100 -> A;  t4 spends t2:0 (C 3000) -> D 2950           (fee 50)
 *                                                   t5 spends h1:0 (B 5000) -> E 4950           (fee 50)
 * day 3 (2026-01-04)  h3 12:00  coinbase 5000 -> F   (no block on 2026-01-03)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitcoinCoreMetricsTest {
  static final String FAMILY = "bitcoin";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("core"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    BitcoinTestChain chain = new BitcoinTestChain();
    chain.block("2026-01-01T10:00:00Z", 5_000, "A");
    long h0 = chain.coinbase();
    chain.block("2026-01-01T23:59:59Z", 5_000, "B");
    long h1 = chain.coinbase();
    long t2 = chain.tx(200, 150, List.of(chain.output(h0, 0)), pay(3_000, "C"), pay(1_900, "A"));
    chain.writeTo(warehouse);
    engine.update(BitcoinTestChain.CHAIN, FAMILY);
    chain.block("2026-01-02T00:00:00Z", 5_100, "A");
    chain.tx(300, 300, List.of(chain.output(t2, 0)), pay(2_950, "D"));
    chain.tx(250, 250, List.of(chain.output(h1, 0)), pay(4_950, "E"));
    chain.writeTo(warehouse);
    engine.update(BitcoinTestChain.CHAIN, FAMILY);
    chain.block("2026-01-04T12:00:00Z", 5_000, "F");
    chain.writeTo(warehouse);
    engine.update(BitcoinTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("BlkCnt", "2026-01-01", "2", "h0 and h1"),
        Expected.of("BlkCnt", "2026-01-02", "1", "h2"),
        Expected.of("BlkCnt", "2026-01-03", null, "no block that day: no row"),
        Expected.of("TxCnt", "2026-01-01", "1", "t2; the coinbases are not counted"),
        Expected.of("TxCnt", "2026-01-02", "2", "t4 and t5"),
        Expected.of("TxCnt", "2026-01-04", "0", "only a coinbase"),
        Expected.of("FeeTotNtv", "2026-01-01", "100", "5000 - 3000 - 1900"),
        Expected.of("FeeTotNtv", "2026-01-02", "100", "50 + 50"),
        Expected.of("FeeMeanNtv", "2026-01-02", "50", "100 / 2"),
        Expected.of("FeeMeanNtv", "2026-01-04", null, "no transactions: no mean"),
        Expected.of("AdrActCnt", "2026-01-01", "3", "A (received, spent, received change), B, C"),
        Expected.of("AdrActCnt", "2026-01-02", "5", "A, B (spent), C (spent), D, E"),
        Expected.of("AdrNewCnt", "2026-01-02", "2", "D and E; A, B and C were seen on day 1"),
        Expected.of("AdrNewCnt", "2026-01-04", "1", "F"),
        Expected.of("AdrTotCnt", "2026-01-01", "3", "A, B, C"),
        Expected.of("AdrTotCnt", "2026-01-04", "6", "A to F"),
        Expected.of("AdrBalCnt", "2026-01-01", "3", "A 1900, B 5000, C 3000"),
        Expected.of("AdrBalCnt", "2026-01-02", "3", "A 7000, D 2950, E 4950; B and C emptied"),
        Expected.of("AdrBalCnt", "2026-01-04", "4", "and F 5000"),
        Expected.of("TxCnt7dMean", "2026-01-04", "1", "(1 + 2 + 0) / 3 days with blocks"));
  }

  @TestFactory
  Stream<DynamicTest> everyMetricMatchesItsHandWorkedValue() {
    return MetricAssertions.check(engine, BitcoinTestChain.CHAIN, FAMILY, expectations());
  }

  @Test
  void dayByDayUpdatesEqualAComputationFromScratch() {
    MetricAssertions.assertIncrementalEqualsFull(engine, warehouse, BitcoinTestChain.CHAIN, FAMILY);
  }
}
