package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.metrics.BitcoinTestChain.pay;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * Supply, UTXO-age, active and revived supply, coin-days and inflation metrics on a chain spanning a year, with one
 * block or two per day and few transactions. Ages are UTC days between the creation day and the day; holding times
 * for coin-days are whole days between block times.
 *
 * <pre>
 * A 2025-01-01  h0 00:00 genesis coinbase 5000 -> G (never in the UTXO set)
 *               h1 12:00 coinbase 10000 -> X
 * B 2025-01-02  h2 12:00 coinbase 10000 -> Y
 *                 t1: h1:0 (X, held exactly 1 day) -> P 6000, Q 3900, Z0 0 (p2pkh), OP_RETURN 0        fee 100
 * C 2025-01-10  h3 06:00 coinbase 10000 -> Z
 *                 t2: t1:0 (P, held 7 days 18 hours) -> R 5900                                        fee 100
 * D 2026-01-02  h4 18:00 coinbase 10000 -> W
 *                 t3: t1:1 (Q, held 365 days 6 hours) -> S 3850                                        fee 50
 *                 t4: h2:0 (Y, held 365 days 6 hours) -> T 9950                                        fee 50
 * E 2026-01-03  h5 00:00 coinbase 10000 -> V
 *                 t5: t2:0 (R, held 357 days 18 hours) -> U 5800                                       fee 100
 *
 * unspent at the end of   B: Y(cb) P Q Z0            C: Y(cb) Q Z0 Z(cb) R
 *                         D: Z(cb) R Z0 W(cb) S T    E: Z(cb) Z0 W(cb) S T V(cb) U
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitcoinSupplyMetricsTest {
  static final String FAMILY = "bitcoin";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("supply"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    BitcoinTestChain chain = new BitcoinTestChain();
    chain.block("2025-01-01T00:00:00Z", 5_000, "G");
    chain.block("2025-01-01T12:00:00Z", 10_000, "X");
    long h1 = chain.coinbase();
    update(chain);
    chain.block("2025-01-02T12:00:00Z", 10_000, "Y");
    long h2 = chain.coinbase();
    long t1 =
        chain.tx(250, 250, List.of(chain.output(h1, 0)),
            pay(6_000, "P"), pay(3_900, "Q"), pay(0, "Z0"), pay(0, null, "op_return"));
    update(chain);
    chain.block("2025-01-10T06:00:00Z", 10_000, "Z");
    long t2 = chain.tx(200, 200, List.of(chain.output(t1, 0)), pay(5_900, "R"));
    update(chain);
    chain.block("2026-01-02T18:00:00Z", 10_000, "W");
    chain.tx(200, 200, List.of(chain.output(t1, 1)), pay(3_850, "S"));
    chain.tx(200, 200, List.of(chain.output(h2, 0)), pay(9_950, "T"));
    update(chain);
    chain.block("2026-01-03T00:00:00Z", 10_000, "V");
    chain.tx(200, 200, List.of(chain.output(t2, 0)), pay(5_800, "U"));
    update(chain);
  }

  private void update(BitcoinTestChain chain) {
    chain.writeTo(warehouse);
    engine.update(BitcoinTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("SplyCur", "2025-01-01", "10000", "X only: the genesis coinbase never enters the UTXO set"),
        Expected.of("SplyCur", "2025-01-02", "19900", "Y 10000 + P 6000 + Q 3900 + Z0 0; OP_RETURN left out"),
        Expected.of("SplyCur", "2026-01-03", "49600", "Z 10000 + W 10000 + S 3850 + T 9950 + V 10000 + U 5800"),
        Expected.of("UTXOCnt", "2025-01-02", "4", "Y, P, Q and the zero-value Z0 (only OP_RETURN outputs are left out)"),
        Expected.of("UTXOCnt", "2026-01-03", "7", "Z, Z0, W, S, T, V, U"),
        Expected.of("UTXOAgeMean", "2025-01-10", "4.8", "Y, Q, Z0 8 days old, Z and R 0: 24 / 5"),
        Expected.of("UTXOAgeMean", "2026-01-03", "103.857143", "Z 358 + Z0 366 + W, S, T 1 each + V, U 0: 727 / 7"),
        Expected.of("UTXOAgeMed", "2025-01-10", "8", "ages 0, 0, 8, 8, 8: the third"),
        Expected.of("UTXOAgeMed", "2026-01-02", "178.5", "ages 0, 0, 0, 357, 357, 365: (0 + 357) / 2"),
        Expected.of("UTXOAgeMed", "2026-01-03", "1", "ages 0, 0, 1, 1, 1, 358, 366: the fourth"),
        Expected.of("UTXOAgeValMean", "2025-01-10", "3.731544", "(10000 * 8 + 3900 * 8 + 0 * 8) / 29800"),
        Expected.of("UTXOAgeValMean", "2026-01-03", "72.657258",
            "(Z 10000 * 358 + W 10000 + S 3850 + T 9950) / 49600 = 3603800 / 49600"),
        Expected.of("SplyAct1d", "2025-01-02", "9900", "P and Q moved that day; the coinbase Y never moved"),
        Expected.of("SplyAct1d", "2026-01-03", "5800", "U"),
        Expected.of("SplyAct7d", "2026-01-03", "19600", "U, and S and T from the day before"),
        Expected.of("SplyAct30d", "2025-01-10", "9800", "R (today) and Q (8 days ago)"),
        Expected.of("SplyAct7d", "2025-01-10", "5900", "only R is younger than 7 days"),
        Expected.of("SplyAct180d", "2026-01-02", "13800", "S and T; R is 357 days old"),
        Expected.of("SplyAct1yr", "2026-01-02", "19700", "S, T and R (357 days old; Z0 moved 365 days ago, worth 0)"),
        Expected.of("SplyAct90d", "2026-01-02", "13800", "S and T"),
        Expected.of("SplyActEver", "2026-01-03", "19600", "S, T, U and Z0; the coinbase outputs Z, W, V never moved"),
        Expected.of("TxTfrValDayDst", "2025-01-02", "10000", "X 10000 held 86400 s: one whole day"),
        Expected.of("TxTfrValDayDst", "2025-01-10", "42000", "P 6000 * 7 whole days"),
        Expected.of("TxTfrValDayDst", "2026-01-02", "5073500", "(Q 3900 + Y 10000) * 365"),
        Expected.of("TxTfrValDayDst", "2026-01-03", "2106300", "R 5900 * 357"),
        Expected.of("TxTfrValDayDstCum", "2026-01-03", "7231800", "10000 + 42000 + 5073500 + 2106300"),
        Expected.of("Dormancy", "2025-01-10", "7", "42000 / 6000"),
        Expected.of("Dormancy", "2026-01-02", "365", "5073500 / 13900"),
        Expected.of("Dormancy", "2025-01-01", null, "nothing spent"),
        Expected.of("Liveliness", "2025-01-10", "0.318627", "52000 / (52000 + 111200), 111200 = coin-days held by Y and Q"),
        Expected.of("Liveliness", "2026-01-03", "0.667411", "7231800 / (7231800 + 3603800)"),
        Expected.of("SplyRvv1yr", "2026-01-02", "13900", "Q and Y, each held 365 whole days"),
        Expected.of("SplyRvv1yr", "2026-01-03", "0", "R was held 357 days"),
        Expected.of("SplyRvv180d", "2026-01-03", "5900", "R"),
        Expected.of("SplyRvv90d", "2026-01-02", "13900", "Q and Y"),
        Expected.of("SplyRvv30d", "2025-01-10", "0", "P was held 7 days"),
        Expected.of("IssTotNtv", "2025-01-01", "15000", "both coinbases, the genesis one included (issued, though unspendable)"),
        Expected.of("IssContPctAnn", "2026-01-02", "9102.015113", "100 * 365 * (10000 - 100) / 39700"),
        Expected.of("InfPct", "2025-01-02", "99", "19900 / 10000 - 1"),
        Expected.of("InfPct", "2026-01-02", null, "the last day with blocks before it is 357 days earlier, beyond 31"),
        Expected.of("InfPct", "2026-01-03", "24.937028", "49600 / 39700 - 1"),
        Expected.of("InfPctAnn", "2026-01-02", "99.497487", "39700 / SplyCur of 2025-01-02 (19900) - 1"),
        Expected.of("InfPctAnn", "2026-01-03", "149.246231",
            "49600 / 19900 - 1: no block on 2025-01-03, the last day with blocks before it is 2025-01-02"),
        Expected.of("InfPctAnn", "2025-01-10", null, "no day a year earlier"),
        Expected.of("VelCur1yr", "2026-01-02", "0.496222", "transfers of 2025-01-10 (5900) and of the day (13800) / 39700"),
        Expected.of("VelCur1yr", "2026-01-03", "0.514113", "(5900 + 13800 + 5800) / 49600"));
  }

  @TestFactory
  Stream<DynamicTest> everyMetricMatchesItsHandWorkedValue() {
    return MetricAssertions.check(engine, BitcoinTestChain.CHAIN, FAMILY, expectations());
  }

  @Test
  void dayByDayUpdatesEqualAComputationFromScratch() {
    MetricAssertions.assertIncrementalEqualsFull(engine, warehouse, BitcoinTestChain.CHAIN, FAMILY);
  }

  @Test
  void supplyAndUnspentOutputsAreTheWarehouseUtxoSetUnderTheNodesRules() {
    // What gettxoutsetinfo counts: every output not spent, but OP_RETURN outputs and the genesis coinbase's output
    List<Object> node =
        warehouse.query(
                "SELECT count(*), sum(o.value) FROM btc.tx_outputs o"
                    + " WHERE o.script_type <> 'op_return' AND NOT (o.block_height = 0 AND o.vout >= 0 AND o.tx_id = 0)"
                    + " AND NOT EXISTS (SELECT 1 FROM btc.tx_inputs i WHERE i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout)")
            .rows()
            .get(0);
    LocalDate last = LocalDate.parse("2026-01-03");
    List<List<Object>> stored = engine.values(BitcoinTestChain.CHAIN, FAMILY, List.of("SplyCur", "UTXOCnt"), last, last).rows();
    assertThat((BigDecimal) stored.get(0).get(3)).isEqualByComparingTo(new BigDecimal(node.get(1).toString()));
    assertThat((BigDecimal) stored.get(1).get(3)).isEqualByComparingTo(new BigDecimal(node.get(0).toString()));
  }
}
