package org.openbds.metrics;

import static org.openbds.metrics.BitcoinTestChain.pay;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
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
 * Address metrics on a chain spanning thirteen months: activity, trailing windows, balances by threshold, the richest
 * addresses, hours, monthly retention cohorts, dormancy and revival. Amounts in satoshi (10^8 = one coin; the
 * thresholds 0.001, 0.01, 0.1 and 1 coin are 10^5, 10^6, 10^7 and 10^8).
 *
 * <pre>
 * 2025-01-05  h0  10:00 genesis coinbase 5000 -> G
 *             h1  14:00 coinbase 2 coins -> A
 * 2025-01-06  h2  09:00 coinbase 100000 -> B
 *                   t1: h1:0 (A 2 coins) -> C 50000000, A 149990000                       fee 10000
 *             h2b 20:00 coinbase 10000 -> A                     (A is active in two hours)
 * 2025-02-10  h3  11:00 coinbase 100000 -> D
 *                   t2: t1:0 (C) -> E 40000000, F 9990000                                 fee 10000 (C emptied)
 * 2025-03-03  h4  15:00 coinbase 100000 -> D
 *                   t3: t1:1 + h2b:0 (A 149990000 + 10000) -> H 149990000                  fee 10000 (A emptied)
 * 2026-02-01  h5  12:00 coinbase 100000 -> D
 *                   t4: h2:0 (B 100000, untouched since 2025-01-06) -> I 90000           fee 10000 (B revived)
 * 2026-02-15  h6  10:00 coinbase 100000 -> J
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitcoinAddressMetricsTest {
  static final String FAMILY = "bitcoin";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("addresses"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    BitcoinTestChain chain = new BitcoinTestChain();
    firstBlocks(chain, c -> write(c, warehouse, engine));
    chain.block("2026-02-15T10:00:00Z", 100_000, "J");
    write(chain, warehouse, engine);
  }

  /** Blocks h0 to h5, with {@code endOfDay} run after each day; returns t3, which pays H. */
  private static long firstBlocks(BitcoinTestChain chain, Consumer<BitcoinTestChain> endOfDay) {
    chain.block("2025-01-05T10:00:00Z", 5_000, "G");
    chain.block("2025-01-05T14:00:00Z", 200_000_000L, "A");
    long h1 = chain.coinbase();
    endOfDay.accept(chain);
    chain.block("2025-01-06T09:00:00Z", 100_000, "B");
    long h2 = chain.coinbase();
    long t1 = chain.tx(200, 200, List.of(chain.output(h1, 0)), pay(50_000_000, "C"), pay(149_990_000, "A"));
    chain.block("2025-01-06T20:00:00Z", 10_000, "A");
    long h2b = chain.coinbase();
    endOfDay.accept(chain);
    chain.block("2025-02-10T11:00:00Z", 100_000, "D");
    chain.tx(200, 200, List.of(chain.output(t1, 0)), pay(40_000_000, "E"), pay(9_990_000, "F"));
    endOfDay.accept(chain);
    chain.block("2025-03-03T15:00:00Z", 100_000, "D");
    long t3 = chain.tx(200, 200, List.of(chain.output(t1, 1), chain.output(h2b, 0)), pay(149_990_000, "H"));
    endOfDay.accept(chain);
    chain.block("2026-02-01T12:00:00Z", 100_000, "D");
    chain.tx(200, 200, List.of(chain.output(h2, 0)), pay(90_000, "I"));
    endOfDay.accept(chain);
    return t3;
  }

  private static void write(BitcoinTestChain chain, Warehouse w, MetricEngine e) {
    chain.writeTo(w);
    e.update(BitcoinTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("AdrActCnt", "2025-01-06", "3", "B, A (spends, takes change, mines h2b) and C"),
        Expected.of("AdrActSentCnt", "2025-01-06", "1", "A"),
        Expected.of("AdrActRecCnt", "2025-01-06", "3", "B, C, and A (change and coinbase)"),
        Expected.of("AdrActRecCnt", "2025-02-10", "3", "D, E, F; C only spends"),
        Expected.of("AdrActSentCnt", "2025-02-10", "1", "C"),
        Expected.of("AdrNewCnt", "2025-01-05", "2", "G and A"),
        Expected.of("AdrNewCnt", "2025-02-10", "3", "D, E, F"),
        Expected.of("AdrTotCnt", "2025-03-03", "8", "G, A, B, C, D, E, F, H"),
        Expected.of("AdrTotCnt", "2026-02-15", "10", "and I, J"),
        Expected.of("AdrNewBalCnt", "2025-01-06", "2", "B and C, both funded at the end of the day"),
        Expected.of("AdrBalCnt", "2025-01-06", "4", "G, A, B, C"),
        Expected.of("AdrBalCnt", "2025-02-10", "6", "G, A, B, D, E, F; C emptied"),
        Expected.of("AdrBalCnt", "2025-03-03", "6", "A emptied, H funded"),
        Expected.of("AdrBalCnt", "2026-02-15", "7", "G, D, E, F, H, I, J; B emptied on 2026-02-01"),
        Expected.of("AdrRvv1yrCnt", "2026-02-01", "1",
            "B, last active 2025-01-06 (391 days); D was active 335 days before"),
        Expected.of("AdrRvv1yrCnt", "2026-02-15", "0", "J is new"),
        Expected.of("AdrActByHour", "2025-01-06", "09", "3", "B, A, C in h2"),
        Expected.of("AdrActByHour", "2025-01-06", "20", "1", "A again in h2b: counted in both hours"),
        Expected.of("AdrActByHour", "2025-01-05", "10", "1", "G"),
        Expected.of("AdrActByHour", "2025-01-05", "12", null, "no activity"),
        Expected.of("AdrBalNtvCnt", "2025-01-06", "0.001", "3", "A 150000000, B 100000, C 50000000; G holds 5000"),
        Expected.of("AdrBalNtvCnt", "2025-01-06", "1", "1", "A, exactly 1.5 coins"),
        Expected.of("AdrBalNtvCnt", "2025-01-06", "10", "0", "nobody"),
        Expected.of("AdrBalNtvCnt", "2025-02-10", "0.01", "3", "A, E 40000000, F 9990000"),
        Expected.of("AdrBalNtvCnt", "2025-02-10", "0.1", "2", "A and E; F holds 0.0999 coin"),
        Expected.of("AdrBalNtvCnt", "2025-03-03", "0.001", "5", "B, D (200000), E, F, H"),
        Expected.of("SplyAdrBalNtv", "2025-01-06", "0.001", "200100000", "150000000 + 100000 + 50000000"),
        Expected.of("SplyAdrBalNtv", "2025-02-10", "0.1", "190000000", "A 150000000 + E 40000000"),
        Expected.of("SplyAdrBalNtv", "2025-03-03", "0.001", "200280000", "100000 + 200000 + 40000000 + 9990000 + 149990000"),
        Expected.of("SplyAdrBalNtv", "2025-01-06", "10", "0", "no address holds 10 coins"),
        Expected.of("AdrAct7dCnt", "2025-01-06", "4", "G, A (01-05), B, C (01-06)"),
        Expected.of("AdrAct7dCnt", "2025-02-10", "4", "D, C, E, F"),
        Expected.of("AdrAct30dCnt", "2025-02-10", "4", "January's addresses are 35 days back"),
        Expected.of("AdrAct30dCnt", "2025-03-03", "6", "D, C, E, F (02-10) and A, H (03-03)"),
        Expected.of("AdrAct90dCnt", "2025-03-03", "8", "every address seen so far"),
        Expected.of("AdrAct30dCnt", "2026-02-15", "4", "D, B, I (02-01) and J"),
        Expected.of("AdrActDauMau", "2025-03-03", "0.5", "3 / 6"),
        Expected.of("AdrActMtdCnt", "2025-01-06", "4", "January so far: G, A, B, C"),
        Expected.of("AdrActMtdCnt", "2025-02-10", "4", "February: D, C, E, F"),
        Expected.of("AdrActMtdCnt", "2026-02-15", "4", "D, B, I and J"),
        Expected.of("AdrRetPct", "2025-02-10", "2025-01", "25", "of January's G, A, B, C, only C is active in February"),
        Expected.of("AdrRetPct", "2025-03-03", "2025-01", "25", "A in March"),
        Expected.of("AdrRetPct", "2025-03-03", "2025-02", "33.333333", "of D, E, F, D is active in March"),
        Expected.of("AdrRetPct", "2026-02-01", "2025-03", "0", "H (the March 2025 cohort) is not active"),
        Expected.of("AdrRetPct", "2026-02-01", "2025-02", null,
            "12 months back: D is active, but only the 11 months before count"),
        Expected.of("AdrRetPct", "2026-02-01", "2025-06", null, "no address was first seen in June 2025"),
        Expected.of("AdrDormant1yrCnt", "2026-02-01", "1",
            "G (last active 2025-01-05); B was dormant from 2026-01-06 until today; E and F not yet (2025-02-10)"),
        Expected.of("AdrDormant1yrCnt", "2026-02-15", "3", "G, E, F; H (2025-03-03) not yet"),
        Expected.of("AdrDormant1yrCnt", "2025-03-03", "0", "nobody has waited a year"),
        Expected.of("SplyAdrTop100", "2026-02-15", "200475000",
            "all 7 funded addresses: 5000 + 300000 + 40000000 + 9990000 + 149990000 + 90000 + 100000"),
        Expected.of("SplyAdrTop100", "2026-02-01", null, "kept for the chain's last day only"),
        Expected.of("SplyAdrTop1Pct", "2026-02-15", "149990000", "1% of 7 addresses, rounded up, is H"));
  }

  @TestFactory
  Stream<DynamicTest> everyMetricMatchesItsHandWorkedValue() {
    return MetricAssertions.check(engine, BitcoinTestChain.CHAIN, FAMILY, expectations());
  }

  @Test
  void dayByDayUpdatesEqualAComputationFromScratch() {
    MetricAssertions.assertIncrementalEqualsFull(engine, warehouse, BitcoinTestChain.CHAIN, FAMILY);
  }

  /**
   * A computation from scratch keeps one row per block only for the last 1,000 blocks and groups older blocks per day
   * and hour; day-by-day updates keep every block on its own row. The values must not depend on it: 1,150 blocks two
   * minutes apart over two days, mined by seven reused addresses, every tenth block with a payment to a new address.
   */
  @Test
  void olderBlocksGroupedPerHourGiveTheSameValuesAsBlockRows() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("long"))) {
      MetricEngine e = new MetricEngine(w, MetricCatalog.load());
      BitcoinTestChain chain = new BitcoinTestChain();
      java.time.Instant start = java.time.Instant.parse("2026-05-01T00:00:00Z");
      long paid = -1;
      for (int i = 0; i < 1_150; i++) {
        java.time.Instant time = start.plusSeconds(120L * i);
        chain.block(time.toString(), 100_000 + i, "M" + (i % 7));
        long coinbase = chain.coinbase();
        if (i % 10 == 5) {
          chain.tx(200, 200, List.of(chain.output(paid, 0)), pay(50_000, "N" + i), pay(40_000 + i, "M" + (i % 7)));
        }
        if (i % 10 == 4) {
          paid = coinbase;
        }
        if (i == 599 || i == 1_099 || i == 1_149) {
          write(chain, w, e);
        }
      }
      MetricAssertions.assertValue(
          e, BitcoinTestChain.CHAIN, FAMILY,
          Expected.of("BlkCnt", "2026-05-01", "720", "blocks 0 to 719 two minutes apart fill the first 24 hours"));
      MetricAssertions.assertValue(
          e, BitcoinTestChain.CHAIN, FAMILY,
          Expected.of("AdrActCnt", "2026-05-01", "79",
              "the seven miners and the 72 payees N5, N15 ... N715 (payers and change are miners)"));
      MetricAssertions.assertValue(
          e, BitcoinTestChain.CHAIN, FAMILY, Expected.of("AdrNewCnt", "2026-05-01", "79", "all first seen that day"));
      MetricAssertions.assertIncrementalEqualsFull(e, w, BitcoinTestChain.CHAIN, FAMILY);
    }
  }

  /**
   * The last block, which paid D, is replaced by one in which H spends to a new address K: the state the address
   * helper keeps for D (its balance and last activity) must be rolled back, H's and K's worked out anew.
   */
  @Test
  void aReplacedLastBlockIsRolledBackAndEqualsAComputationFromScratch() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("reorg"))) {
      MetricEngine e = new MetricEngine(w, MetricCatalog.load());
      BitcoinTestChain original = new BitcoinTestChain();
      firstBlocks(original, c -> write(c, w, e));
      original.block("2026-02-15T10:00:00Z", 100_000, "D");
      write(original, w, e);

      BitcoinTestChain replacement = new BitcoinTestChain();
      long t3 = firstBlocks(replacement, BitcoinTestChain::discardPending);
      BitcoinTestChain.removeFrom(w, 7);
      replacement.fork(1);
      replacement.block("2026-02-15T11:00:00Z", 100_000, "J");
      replacement.tx(200, 200, List.of(replacement.output(t3, 0)), pay(149_980_000, "K"));
      write(replacement, w, e);

      for (Expected x :
          List.of(
              Expected.of("AdrActCnt", "2026-02-15", "3", "J, H and K; D's coinbase is gone"),
              Expected.of("AdrBalCnt", "2026-02-15", "7", "G, D, E, F, I, J, K; H emptied"),
              Expected.of("SplyAdrTop1Pct", "2026-02-15", "149980000", "K"),
              Expected.of("SplyAdrTop100", "2026-02-15", "200465000",
                  "5000 + D 300000 (three coinbases again) + 40000000 + 9990000 + 90000 + 100000 + 149980000"),
              Expected.of("AdrBalNtvCnt", "2026-02-15", "1", "1", "K"))) {
        MetricAssertions.assertValue(e, BitcoinTestChain.CHAIN, FAMILY, x);
      }
      MetricAssertions.assertIncrementalEqualsFull(e, w, BitcoinTestChain.CHAIN, FAMILY);
    }
  }
}
