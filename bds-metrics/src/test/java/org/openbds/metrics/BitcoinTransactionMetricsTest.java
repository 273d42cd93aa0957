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
 * Transaction, fee, output-type and transfer metrics on a two-day hand-built chain. Sizes are chosen per transaction
 * (size, vsize); a transaction whose vsize is below its size carries a witness. Amounts in satoshi; 10^8 is one coin.
 *
 * <pre>
 * day 1 (2026-04-01)
 *   h0 00:00 coinbase 5000 -> A        h1 00:10 coinbase 50 coins -> B        h2 09:00 coinbase 5000 -> C
 *     t1 (250 B)          h1:0 (B, 50 coins) -> D 30 coins (p2pkh), B 19.999999 coins (p2wpkh, back to the spender),
 *                         OP_RETURN 0                                                          fee 100
 *     t2 (200 B, 150 vB,  t1:0 (D) -> E 29.9999995 coins (p2tr)                                fee 50   (spends t1:0 in
 *         replaceable)                                                                                    the same block)
 *   h3 23:30 coinbase 5000 -> F
 *     t3 (400 B, 300 vB)  t2:0 (E, p2tr) + t1:1 (B) -> bare multisig 40 coins, non-standard 9.999998 coins  fee 50
 * day 2 (2026-04-02)
 *   h4 00:20 coinbase 5000 -> I
 *     t4 (150 B)          t3:1 (the non-standard output, 50 minutes old) -> J 9.999998 coins (p2sh)   fee 0
 *     t5 (300 B, 250 vB,  h2:0 (C 5000) -> K 100 (p2wsh), L 4850 (p2pk)                           fee 50
 *         replaceable)
 *   h5 01:00 coinbase 5000 -> M
 *     t6 (100 B)          t5:0 (K 100, 40 minutes old) -> N 60 (witness v2+, unknown)           fee 40
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitcoinTransactionMetricsTest {
  static final String FAMILY = "bitcoin";
  private static final long REPLACEABLE = 0xfffffffdL;

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("transactions"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    BitcoinTestChain chain = new BitcoinTestChain();
    chain.block("2026-04-01T00:00:00Z", 5_000, "A");
    chain.block("2026-04-01T00:10:00Z", 5_000_000_000L, "B");
    long h1 = chain.coinbase();
    chain.block("2026-04-01T09:00:00Z", 5_000, "C");
    long h2 = chain.coinbase();
    long t1 =
        chain.tx(250, 250, List.of(chain.output(h1, 0)),
            pay(3_000_000_000L, "D"), pay(1_999_999_900L, "B", "p2wpkh"), pay(0, null, "op_return"));
    long t2 = chain.tx(200, 150, REPLACEABLE, List.of(chain.output(t1, 0)), pay(2_999_999_950L, "E", "p2tr"));
    chain.block("2026-04-01T23:30:00Z", 5_000, "F");
    long t3 =
        chain.tx(400, 300, List.of(chain.output(t2, 0), chain.output(t1, 1)),
            pay(4_000_000_000L, null, "multisig"), pay(999_999_800L, null, "nonstandard"));
    chain.writeTo(warehouse);
    engine.update(BitcoinTestChain.CHAIN, FAMILY);
    chain.block("2026-04-02T00:20:00Z", 5_000, "I");
    chain.tx(150, 150, List.of(chain.output(t3, 1)), pay(999_999_800L, "J", "p2sh"));
    long t5 = chain.tx(300, 250, REPLACEABLE, List.of(chain.output(h2, 0)), pay(100, "K", "p2wsh"), pay(4_850, "L", "p2pk"));
    chain.block("2026-04-02T01:00:00Z", 5_000, "M");
    chain.tx(100, 100, List.of(chain.output(t5, 0)), pay(60, "N", "witness_unknown"));
    chain.writeTo(warehouse);
    engine.update(BitcoinTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("TxCnt", "2026-04-01", "3", "t1, t2, t3; coinbases are not transactions here"),
        Expected.of("TxCntSec", "2026-04-01", "0.0000347222", "3 / 86400"),
        Expected.of("TxMeanByte", "2026-04-01", "283.333333", "(250 + 200 + 400) / 3"),
        Expected.of("TxMeanVByte", "2026-04-01", "233.333333", "(250 + 150 + 300) / 3"),
        Expected.of("TxInCntMean", "2026-04-01", "1.333333", "(1 + 1 + 2) / 3"),
        Expected.of("TxOutCntMean", "2026-04-01", "2", "(3 + 1 + 2) / 3, the OP_RETURN output counts"),
        Expected.of("TxMultiInCnt", "2026-04-01", "1", "t3 spends two outputs"),
        Expected.of("TxMultiInCnt", "2026-04-02", "0", "every transaction spends one output"),
        Expected.of("TxSegwitCnt", "2026-04-01", "2", "t2 and t3 carry witnesses (vsize below size)"),
        Expected.of("TxSegwitPct", "2026-04-01", "66.666667", "2 of 3"),
        Expected.of("TxOutValNtv", "2026-04-01", "12999999650",
            "t1 (3000000000 + 1999999900 + 0) + t2 2999999950 + t3 (4000000000 + 999999800), change included"),
        Expected.of("FeeTotNtv", "2026-04-01", "200", "100 + 50 + 50"),
        Expected.of("FeeMeanNtv", "2026-04-01", "66.666667", "200 / 3"),
        Expected.of("FeeMedNtv", "2026-04-01", "50", "median of 100, 50, 50"),
        Expected.of("FeeMedNtv", "2026-04-02", "40", "median of 0, 50, 40"),
        Expected.of("FeeMaxNtv", "2026-04-01", "100", "t1"),
        Expected.of("FeeZeroCnt", "2026-04-01", "0", "every transaction pays"),
        Expected.of("FeeZeroCnt", "2026-04-02", "1", "t4 pays nothing"),
        Expected.of("FeeByteMeanNtv", "2026-04-01", "0.235294", "200 / (250 + 200 + 400) bytes"),
        Expected.of("FeeWghtMeanNtv", "2026-04-01", "0.071429", "200 / (4 * (250 + 150 + 300)) weight units"),
        Expected.of("FeeVByteMeanNtv", "2026-04-01", "0.3", "mean of 100/250 = 0.4, 50/150 = 1/3, 50/300 = 1/6"),
        Expected.of("FeeVByteMedNtv", "2026-04-01", "0.333333", "the middle rate 1/3"),
        Expected.of("FeeVBytePctlNtv", "2026-04-01", "p10", "0.2",
            "rates sorted 1/6, 1/3, 0.4; p10 at position 0.1 * 2 = 0.2: 1/6 + 0.2 * (1/3 - 1/6)"),
        Expected.of("FeeVBytePctlNtv", "2026-04-01", "p25", "0.25", "position 0.5: 1/6 + 0.5 * 1/6"),
        Expected.of("FeeVBytePctlNtv", "2026-04-01", "p50", "0.333333", "position 1: 1/3"),
        Expected.of("FeeVBytePctlNtv", "2026-04-01", "p75", "0.366667", "position 1.5: 1/3 + 0.5 * (0.4 - 1/3)"),
        Expected.of("FeeVBytePctlNtv", "2026-04-01", "p90", "0.386667", "position 1.8: 1/3 + 0.8 * (0.4 - 1/3)"),
        Expected.of("TxCntByHour", "2026-04-01", "00", "0", "h0 and h1 hold only coinbases"),
        Expected.of("TxCntByHour", "2026-04-01", "09", "2", "t1 and t2 in h2"),
        Expected.of("TxCntByHour", "2026-04-01", "23", "1", "t3 in h3"),
        Expected.of("TxCntByHour", "2026-04-01", "12", null, "no block in that hour"),
        Expected.of("TxCntByHour", "2026-04-02", "01", "1", "t6 in h5"),
        Expected.of("InCnt", "2026-04-01", "4", "t1, t2 one each, t3 two"),
        Expected.of("TxRbfCnt", "2026-04-01", "1", "t2 signals replaceability (sequence 0xfffffffd)"),
        Expected.of("TxRbfCnt", "2026-04-02", "1", "t5"),
        Expected.of("TxTaprootCnt", "2026-04-01", "1", "t3 spends t2's P2TR output"),
        Expected.of("TxTaprootCnt", "2026-04-02", "0", "no P2TR output spent"),
        Expected.of("TxTaprootPct", "2026-04-01", "33.333333", "1 of 3"),
        Expected.of("OutCnt", "2026-04-01", "10", "four coinbase outputs + 3 (t1) + 1 (t2) + 2 (t3)"),
        Expected.of("OutP2WPKHCnt", "2026-04-01", "5", "the four coinbase outputs and t1's change"),
        Expected.of("OutP2PKHCnt", "2026-04-01", "1", "D"),
        Expected.of("OutP2TRCnt", "2026-04-01", "1", "E"),
        Expected.of("OutOpRetCnt", "2026-04-01", "1", "t1's data carrier"),
        Expected.of("OutMultisigCnt", "2026-04-01", "1", "t3's bare multisig"),
        Expected.of("OutNonStdCnt", "2026-04-01", "1", "t3's second output"),
        Expected.of("OutP2SHCnt", "2026-04-02", "1", "J"),
        Expected.of("OutP2WSHCnt", "2026-04-02", "1", "K"),
        Expected.of("OutP2PKCnt", "2026-04-02", "1", "L"),
        Expected.of("OutWitUnknownCnt", "2026-04-02", "1", "N"),
        Expected.of("OutP2SHCnt", "2026-04-01", "0", "none on day 1"),
        Expected.of("TxOpRetCnt", "2026-04-01", "1", "t1"),
        Expected.of("TxOpRetCnt", "2026-04-02", "0", "none"),
        Expected.of("TxTfrCnt", "2026-04-01", "4",
            "D, E, the multisig and the non-standard output; t1's change to B (its own input's address) and the"
                + " OP_RETURN output are not transfers"),
        Expected.of("TxTfrValNtv", "2026-04-01", "10999999750", "3000000000 + 2999999950 + 4000000000 + 999999800"),
        Expected.of("TxTfrValMeanNtv", "2026-04-01", "2749999937.5", "10999999750 / 4"),
        Expected.of("TxTfrValMedNtv", "2026-04-01", "2999999975", "(2999999950 + 3000000000) / 2"),
        Expected.of("TxTfrValAdjNtv", "2026-04-01", "7999999750",
            "without D, spent by t2 in the same block; the non-standard output spent 50 minutes later but after"
                + " midnight still counts"),
        Expected.of("TxTfrValAdjNtv", "2026-04-02", "1000004710",
            "J 999999800 + L 4850 + N 60; K (100) was spent 40 minutes later the same day"),
        Expected.of("TxTfrValMedNtv", "2026-04-02", "2475", "values 60, 100, 4850, 999999800: (100 + 4850) / 2"),
        Expected.of("TxTfrCntByVal", "2026-04-01", "10-100", "3", "D (30 coins), E (29.9999995), multisig (40)"),
        Expected.of("TxTfrCntByVal", "2026-04-01", "1-10", "1", "the non-standard output (9.999998 coins)"),
        Expected.of("TxTfrCntByVal", "2026-04-01", "<0.001", null, "no transfer that small on day 1"),
        Expected.of("TxTfrValByVal", "2026-04-01", "10-100", "9999999950", "3000000000 + 2999999950 + 4000000000"),
        Expected.of("TxTfrCntByVal", "2026-04-02", "<0.001", "3", "K 100, L 4850, N 60"),
        Expected.of("TxTfrValByVal", "2026-04-02", "<0.001", "5010", "100 + 4850 + 60"));
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
