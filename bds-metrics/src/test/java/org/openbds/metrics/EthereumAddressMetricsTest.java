package org.openbds.metrics;

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
 * Address, balance, supply, trailing-window, retention and top-holder metrics on a hand-built chain of more than a year.
 * Amounts in ETH (1 ETH = 10^18 wei); transactions pay no fee unless said. Written and updated block by block, with two
 * reorganisations: one inside a day (2025-02-20 21:00) and one of a whole day (2026-01-12).
 *
 * <pre>
 * 2025-01-10 10:00  withdrawals of i ETH to H1 … H150; X opens with 100 ETH; X->Y 1 ETH paying a fee of 21000 wei to
 *                   the fee recipient M
 * 2025-01-11 23:30  X->Z 10, H150->Y 100
 * 2025-01-17 05:00  Y->W 1
 * 2025-02-12 14:00  H1->X 1 (H1 empty), H2->zero address 1 (a burn the zero address then holds)
 * 2025-02-20 09:00  Z->V 2
 *            21:00  first X->V 3, replaced by: X creates contract K (value 0)
 * 2026-01-12 16:00  first H6->Y 1, replaced by: M's block reward 2, H5->X 1, withdrawal of 5 to W
 * </pre>
 *
 * Balances after 2025-01-11: H_i = i (i < 150), H150 = 50, X = 89 - 21000 wei, Y = 101, Z = 10, M = 21000 wei.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumAddressMetricsTest {
  static final String FAMILY = "ethereum";
  static final String ETH = "000000000000000000";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("addresses"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    EthereumTestChain chain = new EthereumTestChain();
    chain.block("2025-01-10T10:00:00Z", "M").opening("X", "100" + ETH);
    for (int i = 1; i <= 150; i++) {
      chain.withdrawal("H" + i, i * 1_000_000_000L);
    }
    chain.tx("X", "Y").value("1" + ETH).gas(21_000, 1);
    update(chain);
    chain.block("2025-01-11T23:30:00Z", "M");
    chain.tx("X", "Z").value("10" + ETH).gas(21_000, 0);
    chain.tx("H150", "Y").value("100" + ETH).gas(21_000, 0);
    update(chain);
    chain.block("2025-01-17T05:00:00Z", "M");
    chain.tx("Y", "W").value("1" + ETH).gas(21_000, 0);
    update(chain);
    chain.block("2025-02-12T14:00:00Z", "M");
    chain.tx("H1", "X").value("1" + ETH).gas(21_000, 0);
    chain.tx("H2", EthereumTestChain.ZERO).value("1" + ETH).gas(21_000, 0);
    update(chain);
    chain.block("2025-02-20T09:00:00Z", "M");
    chain.tx("Z", "V").value("2" + ETH).gas(21_000, 0);
    update(chain);
    long morning = chain.height();
    chain.block("2025-02-20T21:00:00Z", "M");
    chain.tx("X", "V").value("3" + ETH).gas(21_000, 0);
    update(chain);
    chain.rollbackTo(morning);
    chain.block("2025-02-20T21:00:00Z", "M");
    chain.tx("X", null).gas(60_000, 0).creates("K");
    update(chain);
    long evening = chain.height();
    chain.block("2026-01-12T16:00:00Z", "M");
    chain.tx("H6", "Y").value("1" + ETH).gas(21_000, 0);
    update(chain);
    chain.rollbackTo(evening);
    chain.block("2026-01-12T16:00:00Z", "M").reward("2" + ETH).withdrawal("W", 5_000_000_000L);
    chain.tx("H5", "X").value("1" + ETH).gas(21_000, 0);
    update(chain);
  }

  private void update(EthereumTestChain chain) {
    chain.writeTo(warehouse);
    engine.update(EthereumTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("AdrActCnt", "2025-01-10", "153", "H1 … H150, X, Y, M (the fee recipient)"),
        Expected.of("AdrActCnt", "2025-01-11", "4", "X, Z, H150, Y; M got no fee"),
        Expected.of("AdrActCnt", "2025-02-12", "3", "H1, X, H2; the zero address is never counted"),
        Expected.of("AdrActCnt", "2025-02-20", "4",
            "Z, V, X and K (sender and recipient of a creation that moved nothing); not the replaced X->V"),
        Expected.of("AdrActCnt", "2026-01-12", "4", "H5, X, W (withdrawal), M (block reward); not the replaced H6->Y"),
        Expected.of("AdrActSentCnt", "2025-01-10", "1", "X"),
        Expected.of("AdrActSentCnt", "2025-01-11", "2", "X, H150"),
        Expected.of("AdrActSentCnt", "2025-02-20", "2", "Z, and X, whose transaction paid no fee and moved no value"),
        Expected.of("AdrActRecCnt", "2025-01-10", "152", "H1 … H150, Y, M"),
        Expected.of("AdrActRecCnt", "2025-02-12", "1", "X; the zero address is not counted"),
        Expected.of("AdrActRecCnt", "2026-01-12", "3", "X, W, M"),
        Expected.of("AdrNewCnt", "2025-01-10", "153", "all active addresses are new"),
        Expected.of("AdrNewCnt", "2025-01-11", "1", "Z"),
        Expected.of("AdrNewCnt", "2025-02-12", "0", "the zero address is not counted"),
        Expected.of("AdrNewCnt", "2025-02-20", "2", "V and K"),
        Expected.of("AdrNewCnt", "2026-01-12", "0", "H6 was only in the replaced block"),
        Expected.of("AdrTotCnt", "2025-01-17", "155", "153 + Z + W"),
        Expected.of("AdrTotCnt", "2026-01-12", "157", "155 + V + K"),
        Expected.of("AdrNewBalCnt", "2025-01-10", "153", "each new address holds something (M 21000 wei)"),
        Expected.of("AdrNewBalCnt", "2025-02-20", "1", "V; K holds nothing"),
        Expected.of("AdrBalCnt", "2025-01-10", "153", "H1 … H150, X, Y, M"),
        Expected.of("AdrBalCnt", "2025-01-11", "154", "and Z"),
        Expected.of("AdrBalCnt", "2025-02-12", "155", "155 - H1 (emptied) + the zero address (1 ETH)"),
        Expected.of("AdrBalCnt", "2025-02-20", "156", "and V"),
        Expected.of("AdrBalCnt", "2026-01-12", "156", "M already held 21000 wei"),
        Expected.of("SplyCur", "2025-01-10", "11425" + ETH, "1 + … + 150 = 11325 withdrawn, plus X's opening 100"),
        Expected.of("SplyCur", "2025-02-12", "11425" + ETH, "moves only; the burnt 1 ETH is held by the zero address"),
        Expected.of("SplyCur", "2026-01-12", "11432" + ETH, "plus the block reward 2 and the withdrawal 5"),
        Expected.of("AdrActContCnt", "2025-01-10", "0", "no contract"),
        Expected.of("AdrActContCnt", "2025-02-20", "1", "K, created that day"),
        Expected.of("AdrActEOACnt", "2025-02-20", "3", "Z, V, X"),
        Expected.of("AdrRevCnt", "2025-02-20", "0", "nobody was away a year"),
        Expected.of("AdrRevCnt", "2026-01-12", "2",
            "H5 and M, last active 2025-01-10 (367 days); X (2025-02-20) and W (2025-01-17) were active within the year"),
        Expected.of("AdrAct7dCnt", "2025-01-10", "153", "the first day"),
        Expected.of("AdrAct7dCnt", "2025-01-11", "154", "the 153 and Z"),
        Expected.of("AdrAct7dCnt", "2025-01-17", "5", "01-11 to 01-17: X, Z, H150, Y, W"),
        Expected.of("AdrAct7dCnt", "2025-02-12", "3", "02-06 to 02-12: H1, X, H2"),
        Expected.of("AdrAct7dCnt", "2025-02-20", "4", "02-14 to 02-20: Z, V, X, K"),
        Expected.of("AdrAct30dCnt", "2025-01-17", "155", "every address so far"),
        Expected.of("AdrAct30dCnt", "2025-02-12", "5", "01-14 to 02-12: Y, W, H1, X, H2"),
        Expected.of("AdrAct30dCnt", "2025-02-20", "6", "01-22 to 02-20: H1, X, H2, Z, V, K (X once)"),
        Expected.of("AdrAct30dCnt", "2026-01-12", "4", "only that day's"),
        Expected.of("AdrActDauMauRatio", "2025-01-11", "0.0259740260", "4 / 154"),
        Expected.of("AdrActDauMauRatio", "2025-02-20", "0.6666666667", "4 / 6"),
        Expected.of("AdrActHourCnt", "2025-01-10", "10", "153", "all in the 10:00 block"),
        Expected.of("AdrActHourCnt", "2025-01-10", "11", "0", "no block"),
        Expected.of("AdrActHourCnt", "2025-02-20", "09", "2", "Z and V"),
        Expected.of("AdrActHourCnt", "2025-02-20", "21", "2", "X and K of the replacing block"),
        Expected.of("AdrBalNtvCnt", "2025-01-10", "0.001", "152", "all but M (21000 wei)"),
        Expected.of("AdrBalNtvCnt", "2025-01-10", "1", "152", "Y holds exactly 1 ETH"),
        Expected.of("AdrBalNtvCnt", "2025-01-10", "10", "142", "H10 … H150 and X"),
        Expected.of("AdrBalNtvCnt", "2025-01-10", "100", "51", "H100 … H150; X holds 98.99…"),
        Expected.of("AdrBalNtvCnt", "2025-01-10", "1000", "0", "nobody"),
        Expected.of("AdrBalNtvCnt", "2025-01-11", "10", "144", "142 + Z (10) + Y (101)"),
        Expected.of("AdrBalNtvCnt", "2025-01-11", "100", "51", "H150 drops to 50, Y rises to 101"),
        Expected.of("AdrBalNtvCnt", "2025-02-12", "1", "154", "W (1) joined on 01-17; now H1 leaves, the zero address joins"),
        Expected.of("AdrBalNtvCnt", "2025-02-20", "10", "143", "Z drops to 8"),
        Expected.of("AdrBalNtvCnt", "2026-01-12", "1", "156", "155 on 02-20 (V), now M with 2 ETH"),
        Expected.of("SplyAdrTop100", "2025-01-10", "10097999999999999979000",
            "H52 … H150 (52 + … + 150 = 9999 ETH) and X (99 ETH - 21000 wei), which ranks between H98 and H99"),
        Expected.of("SplyAdrTop100", "2025-01-11", "10038999999999999979000",
            "H52 … H149 (9849), Y (101) and X (89 - 21000 wei); H150 (50) drops out"),
        Expected.of("SplyAdrTop100", "2025-01-17", "10037999999999999979000", "Y now holds 100"),
        Expected.of("SplyAdrTop100", "2025-02-20", "10038999999999999979000", "X got 1 from H1"),
        Expected.of("SplyAdrTop100", "2026-01-12", "10039999999999999979000", "and 1 from H5"),
        Expected.of("SplyAdrTop1Pct", "2025-01-10", "299" + ETH, "ceil(153 / 100) = 2 richest: H150 + H149"),
        Expected.of("SplyAdrTop1Pct", "2025-01-11", "297" + ETH, "H149 + H148"),
        Expected.of("SplyAdrTop1Pct", "2026-01-12", "297" + ETH, "ceil(156 / 100) = 2"),
        Expected.of("AdrRetPct", "2025-01-17", "2024-12", null, "no address before January"),
        Expected.of("AdrRetPct", "2025-02-12", "2025-01", "1.9354838710", "H1, X, H2 of the 155 first active in January"),
        Expected.of("AdrRetPct", "2025-02-20", "2025-01", "2.5806451613", "H1, X, H2, Z: 4 / 155 (X once)"),
        Expected.of("AdrRetPct", "2025-02-20", "2025-02", null, "the day's own month is no cohort"),
        Expected.of("AdrRetPct", "2026-01-12", "2025-02", "0", "V and K, neither active in January 2026"),
        Expected.of("AdrRetPct", "2026-01-12", "2025-01", null, "12 months before: beyond the 11 cohorts"),
        Expected.of("IssContPctAnn", "2025-01-10", "0", "no proof-of-work reward"),
        Expected.of("IssContPctAnn", "2026-01-12", "6.3855843247", "100 * 365 * 2 / 11432"),
        Expected.of("InfPctAnn", "2025-02-20", null, "no day with blocks 365 to 372 days before"),
        Expected.of("InfPctAnn", "2026-01-12", "0.0612691466",
            "against 2025-01-11, the latest day with blocks from 2025-01-05 to 2025-01-12: 100 * (11432 / 11425 - 1)"),
        Expected.of("VelCur1yr", "2025-01-11", "0.0097155361", "(1 + 110) / 11425"),
        Expected.of("VelCur1yr", "2026-01-12", "0.0005248425",
            "transfers from 2025-01-13 on: 1 (01-17) + 2 (02-12) + 2 (02-20) + 1 = 6, over 11432"));
  }

  @TestFactory
  Stream<DynamicTest> everyMetricMatchesItsHandWorkedValue() {
    return MetricAssertions.check(engine, EthereumTestChain.CHAIN, FAMILY, expectations());
  }

  @Test
  void dayByDayUpdatesEqualAComputationFromScratch() {
    MetricAssertions.assertIncrementalEqualsFull(engine, warehouse, EthereumTestChain.CHAIN, FAMILY);
  }
}
