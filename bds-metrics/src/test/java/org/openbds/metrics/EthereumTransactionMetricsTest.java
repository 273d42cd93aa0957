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
 * Transaction, fee, gas, native transfer and contract creation metrics on a hand-built chain, written and updated block
 * by block. Fees are gas used times the effective price (plus the blob fee); with a base fee, gas used times the base
 * fee (and the blob fee) is burnt and the rest is the tip.
 *
 * <pre>
 * 2026-02-01 h0 00:30 (no base fee)
 *   t0 A->B    type 0  value 1000  gas 21000 at 10  fee   210000
 *   t1 A->C    type 0  value 0     gas 50000 at 20  fee 1000000  call data; frames C->D 300, C->E 50 delegatecall,
 *                                                                C->F 70 reverted, C->C 10, C creates G (value 0)
 *   t2 B->     type 1  value 500   gas 100000 at 10 fee 1000000  creates H
 *   t3 D->A    type 0  value 400   gas 30000 at 10  fee  300000  failed
 *            h1 13:15 (synced without traces)
 *   t4 E->F    type 0  value 700   gas 21000 at 30  fee  630000
 *   t5 F->F    type 0  value 100   gas 21000 at 10  fee  210000
 * 2026-02-02 h2 08:00 base fee 10
 *   t6 A->B    type 2  value 2000  gas 21000 at 15  fee  315000 burnt 210000 tip 105000
 *   t7 B->C    type 2  value 0     gas 60000 at 12  fee  720000 burnt 600000 tip 120000  call data; frame C->D 900
 *   t8 E->F    type 3  value 0     gas 21000 at 11, 2 blobs, blob gas 262144 at 3: fee 231000 + 786432 = 1017432,
 *                                                   burnt 210000 + 786432 = 996432, tip 21000
 *   t9 F->A    type 4  value 0     gas 40000 at 10  fee  400000 burnt 400000 tip 0
 *            h3 20:00 base fee 8
 *   t10 D->E   type 2  value 0     gas 25000 at 9   fee  225000 burnt 200000 tip 25000   failed
 * 2026-02-04 h4 05:00 an empty block
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumTransactionMetricsTest {
  static final String FAMILY = "ethereum";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("transactions"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    EthereumTestChain chain = new EthereumTestChain();
    chain.block("2026-02-01T00:30:00Z", "M").opening("A", "100000000").opening("B", "100000000").opening("C", "1000")
        .opening("D", "100000000").opening("E", "100000000").opening("F", "100000000");
    chain.tx("A", "B").value(1_000).gas(21_000, 10);
    chain.tx("A", "C").input("0xa9059cbb").gas(50_000, 20)
        .call("C", "D", 300).delegateCall("C", "E", 50).revertedCall("C", "F", 70).call("C", "C", 10).internalCreate("C", "G", 0);
    chain.tx("B", null).type(1).value(500).gas(100_000, 10).creates("H");
    chain.tx("D", "A").value(400).gas(30_000, 10).failed();
    update(chain);
    chain.block("2026-02-01T13:15:00Z", "M").noTraces();
    chain.tx("E", "F").value(700).gas(21_000, 30);
    chain.tx("F", "F").value(100).gas(21_000, 10);
    update(chain);
    chain.block("2026-02-02T08:00:00Z", "M").baseFee(10);
    chain.tx("A", "B").type(2).value(2_000).gas(21_000, 15);
    chain.tx("B", "C").type(2).input("0x1234").gas(60_000, 12).call("C", "D", 900);
    chain.tx("E", "F").blobs(2, 262_144, 3).gas(21_000, 11);
    chain.tx("F", "A").type(4).gas(40_000, 10);
    update(chain);
    chain.block("2026-02-02T20:00:00Z", "M").baseFee(8);
    chain.tx("D", "E").type(2).gas(25_000, 9).failed();
    update(chain);
    chain.block("2026-02-04T05:00:00Z", "M").baseFee(8);
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
        Expected.of("TxCnt", "2026-02-01", "6", "t0 to t5, the failed t3 included"),
        Expected.of("TxCnt", "2026-02-02", "5", "t6 to t10"),
        Expected.of("TxCnt", "2026-02-04", "0", "an empty block: a row with 0"),
        Expected.of("TxCntSec", "2026-02-01", "0.0000694444", "6 / 86400"),
        Expected.of("TxFailCnt", "2026-02-01", "1", "t3"),
        Expected.of("TxFailCnt", "2026-02-02", "1", "t10"),
        Expected.of("TxFailCnt", "2026-02-04", "0", "none"),
        Expected.of("TxSuccPct", "2026-02-01", "83.3333333333", "5 of 6 have status 1"),
        Expected.of("TxSuccPct", "2026-02-02", "80", "4 of 5"),
        Expected.of("TxSuccPct", "2026-02-04", null, "no transaction: no row"),
        Expected.of("TxContCallCnt", "2026-02-01", "1", "t1 (to C with call data); t2 has no recipient"),
        Expected.of("TxContCallCnt", "2026-02-02", "1", "t7; t9 carries no call data"),
        Expected.of("TxContCreatCnt", "2026-02-01", "1", "t2 created H"),
        Expected.of("TxContCreatCnt", "2026-02-02", "0", "none"),
        Expected.of("ContCreatIntCnt", "2026-02-01", "1", "C created G inside t1"),
        Expected.of("ContCreatIntCnt", "2026-02-02", "0", "none"),
        Expected.of("ContCreatCnt", "2026-02-01", "2", "H by a transaction, G by a contract"),
        Expected.of("ContCreatCnt", "2026-02-04", "0", "none"),
        Expected.of("FeeTotNtv", "2026-02-01", "3350000", "210000 + 1000000 + 1000000 + 300000 + 630000 + 210000"),
        Expected.of("FeeTotNtv", "2026-02-02", "2677432", "315000 + 720000 + 1017432 + 400000 + 225000"),
        Expected.of("FeeTotNtv", "2026-02-04", "0", "no transaction"),
        Expected.of("FeeMeanNtv", "2026-02-01", "558333.3333333333", "3350000 / 6"),
        Expected.of("FeeMeanNtv", "2026-02-02", "535486.4", "2677432 / 5"),
        Expected.of("FeeMeanNtv", "2026-02-04", null, "no transaction: no mean"),
        Expected.of("FeeMedNtv", "2026-02-01", "465000", "sorted 210000 210000 300000 630000 1000000 1000000: (300000 + 630000) / 2"),
        Expected.of("FeeMedNtv", "2026-02-02", "400000", "sorted 225000 315000 400000 720000 1017432: the middle one"),
        Expected.of("FeePrioTotNtv", "2026-02-01", "3350000", "no base fee: the whole fee goes to the fee recipient"),
        Expected.of("FeePrioTotNtv", "2026-02-02", "271000", "105000 + 120000 + 21000 + 0 + 25000"),
        Expected.of("FeePrioMeanNtv", "2026-02-01", "558333.3333333333", "as FeeMeanNtv"),
        Expected.of("FeePrioMeanNtv", "2026-02-02", "54200", "271000 / 5"),
        Expected.of("FeePrioMedNtv", "2026-02-01", "465000", "as FeeMedNtv"),
        Expected.of("FeePrioMedNtv", "2026-02-02", "25000", "sorted 0 21000 25000 105000 120000"),
        Expected.of("GasUsedTx", "2026-02-01", "243000", "21000 + 50000 + 100000 + 30000 + 21000 + 21000"),
        Expected.of("GasUsedTx", "2026-02-02", "167000", "21000 + 60000 + 21000 + 40000 + 25000"),
        Expected.of("GasUsedTxMean", "2026-02-01", "40500", "243000 / 6"),
        Expected.of("GasUsedTxMean", "2026-02-02", "33400", "167000 / 5"),
        Expected.of("GasPriceMean", "2026-02-01", "15", "(10 + 20 + 10 + 10 + 30 + 10) / 6"),
        Expected.of("GasPriceMean", "2026-02-02", "11.4", "(15 + 12 + 11 + 10 + 9) / 5"),
        Expected.of("GasPriceMed", "2026-02-01", "10", "sorted 10 10 10 10 20 30"),
        Expected.of("GasPriceMed", "2026-02-02", "11", "sorted 9 10 11 12 15"),
        Expected.of("TxBlobCnt", "2026-02-01", "0", "none"),
        Expected.of("TxBlobCnt", "2026-02-02", "1", "t8"),
        Expected.of("BlobCnt", "2026-02-02", "2", "t8's two blobs"),
        Expected.of("FeeBlobNtv", "2026-02-01", "0", "none"),
        Expected.of("FeeBlobNtv", "2026-02-02", "786432", "262144 blob gas at 3"),
        Expected.of("TxTypeCnt", "2026-02-01", "0", "5", "t0, t1, t3, t4, t5"),
        Expected.of("TxTypeCnt", "2026-02-01", "1", "1", "t2"),
        Expected.of("TxTypeCnt", "2026-02-01", "2", "0", "a row with 0 for a type not seen"),
        Expected.of("TxTypeCnt", "2026-02-02", "2", "3", "t6, t7, t10"),
        Expected.of("TxTypeCnt", "2026-02-02", "3", "1", "t8"),
        Expected.of("TxTypeCnt", "2026-02-02", "4", "1", "t9"),
        Expected.of("TxTypeCnt", "2026-02-04", "2", "0", "an empty block's day has the rows"),
        Expected.of("TxCntHour", "2026-02-01", "00", "4", "h0 at 00:30"),
        Expected.of("TxCntHour", "2026-02-01", "13", "2", "h1 at 13:15"),
        Expected.of("TxCntHour", "2026-02-01", "12", "0", "no block in that hour"),
        Expected.of("TxCntHour", "2026-02-02", "08", "4", "h2"),
        Expected.of("TxCntHour", "2026-02-02", "20", "1", "h3"),
        Expected.of("FeePctlNtv", "2026-02-01", "p10", "210000", "n = 6: rank ceil(0.6) = 1"),
        Expected.of("FeePctlNtv", "2026-02-01", "p25", "210000", "rank ceil(1.5) = 2"),
        Expected.of("FeePctlNtv", "2026-02-01", "p50", "300000", "rank 3, the lower middle"),
        Expected.of("FeePctlNtv", "2026-02-01", "p75", "1000000", "rank ceil(4.5) = 5"),
        Expected.of("FeePctlNtv", "2026-02-01", "p90", "1000000", "rank ceil(5.4) = 6"),
        Expected.of("FeePctlNtv", "2026-02-02", "p10", "225000", "n = 5: rank 1"),
        Expected.of("FeePctlNtv", "2026-02-02", "p25", "315000", "rank ceil(1.25) = 2"),
        Expected.of("FeePctlNtv", "2026-02-02", "p75", "720000", "rank ceil(3.75) = 4"),
        Expected.of("FeePctlNtv", "2026-02-02", "p90", "1017432", "rank ceil(4.5) = 5"),
        Expected.of("FeePctlNtv", "2026-02-04", "p50", null, "no transaction: no row"),
        Expected.of("TxTfrCnt", "2026-02-01", "4",
            "A->B 1000, C->D 300, B->H 500 (a creation with value), E->F 700 (top-level value where the block has no traces);"
                + " not: the delegatecall, the reverted call, C->C and F->F (same address), the failed t3, G's creation (value 0)"),
        Expected.of("TxTfrCnt", "2026-02-02", "2", "A->B 2000 and C->D 900"),
        Expected.of("TxTfrCnt", "2026-02-04", "0", "none"),
        Expected.of("TxTfrValNtv", "2026-02-01", "2500", "1000 + 300 + 500 + 700"),
        Expected.of("TxTfrValNtv", "2026-02-02", "2900", "2000 + 900"),
        Expected.of("TxTfrValMeanNtv", "2026-02-01", "625", "2500 / 4"),
        Expected.of("TxTfrValMeanNtv", "2026-02-04", null, "no transfer: no mean"),
        Expected.of("TxTfrValMedNtv", "2026-02-01", "600", "sorted 300 500 700 1000: (500 + 700) / 2"),
        Expected.of("TxTfrValMedNtv", "2026-02-02", "1450", "(900 + 2000) / 2"),
        Expected.of("TxTfrIntCnt", "2026-02-01", "1", "C->D"),
        Expected.of("TxTfrIntCnt", "2026-02-02", "1", "C->D"),
        Expected.of("TxTfrIntValNtv", "2026-02-01", "300", "C->D"),
        Expected.of("TxTfrIntValNtv", "2026-02-02", "900", "C->D"));
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
