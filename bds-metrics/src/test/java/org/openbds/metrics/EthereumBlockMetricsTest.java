package org.openbds.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Block, mining pool, issuance and revenue metrics on a hand-built chain that crosses the merge: proof-of-work blocks with
 * rewards and an uncle on day 1, proof-of-stake blocks with base fees and withdrawals on days 2 and 4. Written and
 * updated block by block; the last block is first written differently and then replaced (a reorganisation).
 *
 * <pre>
 * 2026-01-01 h0 00:00:00 Ethermine  difficulty 1.2e16 size 500 gas limit  8M  reward 2.0625e18 (2 + 1/32 * 2 for its uncle)
 *                                   uncle by U paid 1.75e18;  tx A->B 1e18, gas 21000 at 10 (fee 210000)
 *            h1 00:00:15 M2         difficulty 1.5e16 size 700 gas limit  8M  reward 2e18; no transaction
 *            h2 23:59:59 Ethermine  difficulty 1.8e16 size 900 gas limit 10M  reward 2e18;  tx B->C 5e17, gas 50000 at 20 (fee 1e6)
 * 2026-01-02 h3 00:00:11 beaverbuild base fee 7 size 2000 gas limit 30M; withdrawals V 1e9 gwei, V2 0 gwei;
 *                                   tx A->D 2e18 type 2, gas 21000 at 10: fee 210000, burnt 147000, tip 63000
 *            h4 00:00:23 M2         base fee 9 size 1000 gas limit 30M; tx D->E 1e18 type 2, gas 30000 at 12: fee 360000,
 *                                   burnt 270000, tip 90000
 * 2026-01-03 no block
 * 2026-01-04 h5 12:00:00 Ethermine  base fee 5 size 600 gas limit 30M; withdrawal V 2e9 gwei; no transaction
 *                                   (first written as a block of M2 without withdrawal, then replaced)
 * </pre>
 *
 * A user pool file names M2 "Solo Miner" and beaverbuild's fee recipient "Beaver": user rows come before the shipped ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumBlockMetricsTest {
  static final String FAMILY = "ethereum";
  static final String ETHERMINE = "0xea674fdde714fd979de3edf0f56aa9716b898ec8";
  static final String BEAVERBUILD = "0x95222290dd7278aa3ddd389cc1e1d165cc4bafe5";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() throws IOException {
    Path pools = dir.resolve("pools.tsv");
    Files.writeString(pools, "address\tpool\n" + EthereumTestChain.address("M2") + "\tSolo Miner\n" + BEAVERBUILD + "\tBeaver\n");
    warehouse = TestWarehouses.open(dir.resolve("blocks"));
    engine = new MetricEngine(warehouse, MetricCatalog.load(Map.of("pool_addresses", pools)));
    EthereumTestChain chain = new EthereumTestChain();
    chain.block("2026-01-01T00:00:00Z", ETHERMINE).difficulty("12000000000000000").size(500).gasLimit(8_000_000)
        .reward("2062500000000000000").uncle("U", "1750000000000000000").opening("A", "10000000000000000000");
    chain.tx("A", "B").value("1000000000000000000").gas(21_000, 10);
    chain.block("2026-01-01T00:00:15Z", "M2").difficulty("15000000000000000").size(700).gasLimit(8_000_000).reward("2000000000000000000");
    update(chain);
    chain.block("2026-01-01T23:59:59Z", ETHERMINE).difficulty("18000000000000000").size(900).gasLimit(10_000_000).reward("2000000000000000000");
    chain.tx("B", "C").value("500000000000000000").gas(50_000, 20);
    update(chain);
    chain.block("2026-01-02T00:00:11Z", BEAVERBUILD).baseFee(7).size(2_000).withdrawal("V", 1_000_000_000).withdrawal("V2", 0);
    chain.tx("A", "D").type(2).value("2000000000000000000").gas(21_000, 10);
    update(chain);
    chain.block("2026-01-02T00:00:23Z", "M2").baseFee(9).size(1_000);
    chain.tx("D", "E").type(2).value("1000000000000000000").gas(30_000, 12);
    update(chain);
    long h5 = 5;
    chain.block("2026-01-04T12:00:00Z", "M2").baseFee(5).size(800);
    update(chain);
    chain.rollbackTo(h5 - 1);
    chain.block("2026-01-04T12:00:00Z", ETHERMINE).baseFee(5).size(600).withdrawal("V", 2_000_000_000);
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
        Expected.of("BlkCnt", "2026-01-01", "3", "h0, h1, h2"),
        Expected.of("BlkCnt", "2026-01-02", "2", "h3 and h4"),
        Expected.of("BlkCnt", "2026-01-03", null, "no block that day: no row"),
        Expected.of("BlkCnt", "2026-01-04", "1", "h5 as it was rewritten"),
        Expected.of("BlkSizeByte", "2026-01-01", "2100", "500 + 700 + 900"),
        Expected.of("BlkSizeByte", "2026-01-04", "600", "the replacing block's size, not the replaced one's 800"),
        Expected.of("BlkSizeMeanByte", "2026-01-01", "700", "2100 / 3"),
        Expected.of("BlkSizeMeanByte", "2026-01-02", "1500", "(2000 + 1000) / 2"),
        Expected.of("BlkIntMean", "2026-01-01", "43199.5",
            "h0 has no parent in the warehouse; h1 - h0 = 15 s, h2 - h1 = 86384 s; (15 + 86384) / 2"),
        Expected.of("BlkIntMean", "2026-01-02", "12", "h3 - h2 = 12 s (parent on the day before), h4 - h3 = 12 s"),
        Expected.of("BlkIntMean", "2026-01-04", "215977", "h5 - h4 = 2 days 11:59:37"),
        Expected.of("DiffMean", "2026-01-01", "15000000000000000", "(1.2e16 + 1.5e16 + 1.8e16) / 3"),
        Expected.of("DiffMean", "2026-01-02", "0", "after the merge difficulty is 0"),
        Expected.of("DiffLast", "2026-01-01", "18000000000000000", "h2, the day's last block"),
        Expected.of("DiffLast", "2026-01-02", "0", "h4"),
        Expected.of("HashRate", "2026-01-01", "0.347226", "1.5e16 / 43199.5 s / 1e12 = 0.3472262410 TH/s"),
        Expected.of("HashRate", "2026-01-02", "0", "difficulty 0"),
        Expected.of("GasLmtBlkMean", "2026-01-01", "8666666.6666666667", "(8M + 8M + 10M) / 3, rounded at the 10th decimal"),
        Expected.of("GasLmtBlkMean", "2026-01-02", "30000000", "both 30M"),
        Expected.of("GasUsedTot", "2026-01-01", "71000", "21000 + 0 + 50000"),
        Expected.of("GasUsedTot", "2026-01-02", "51000", "21000 + 30000"),
        Expected.of("GasUsedPct", "2026-01-01", "0.2730769231", "100 * 71000 / 26,000,000"),
        Expected.of("GasUsedPct", "2026-01-02", "0.085", "100 * 51000 / 60,000,000"),
        Expected.of("GasUsedPct", "2026-01-04", "0", "an empty block"),
        Expected.of("GasBaseBlkMean", "2026-01-01", null, "no block with a base fee: no row"),
        Expected.of("GasBaseBlkMean", "2026-01-02", "8", "(7 + 9) / 2"),
        Expected.of("GasBaseBlkMean", "2026-01-04", "5", "h5"),
        Expected.of("BlkUncCnt", "2026-01-01", "1", "the uncle h0 includes"),
        Expected.of("BlkUncCnt", "2026-01-02", "0", "no uncles"),
        Expected.of("BlkEmptyCnt", "2026-01-01", "1", "h1"),
        Expected.of("BlkEmptyCnt", "2026-01-02", "0", "h3 and h4 hold a transaction each"),
        Expected.of("BlkEmptyCnt", "2026-01-04", "1", "h5: a withdrawal is no transaction"),
        Expected.of("BlkMinerCnt", "2026-01-01", "2", "Ethermine twice, M2"),
        Expected.of("BlkMinerCnt", "2026-01-02", "2", "beaverbuild, M2"),
        Expected.of("BlkTxCntMean", "2026-01-01", "0.6666666667", "2 transactions / 3 blocks"),
        Expected.of("BlkTxCntMean", "2026-01-02", "1", "2 / 2"),
        Expected.of("WdrlCnt", "2026-01-01", "0", "before Shanghai"),
        Expected.of("WdrlCnt", "2026-01-02", "2", "V and V2 (a zero-amount withdrawal counts)"),
        Expected.of("WdrlCnt", "2026-01-04", "1", "V in the replacing block"),
        Expected.of("FeeBurnNtv", "2026-01-01", "0", "no base fee"),
        Expected.of("FeeBurnNtv", "2026-01-02", "417000", "21000 * 7 + 30000 * 9"),
        Expected.of("FeeBurnNtv", "2026-01-04", "0", "no transaction"),
        Expected.of("SplyBurntNtv", "2026-01-02", "417000", "0 + 417000"),
        Expected.of("SplyBurntNtv", "2026-01-04", "417000", "nothing burnt since"),
        Expected.of("BlkCntByPool", "2026-01-01", "Ethermine", "2", "h0 and h2, from the shipped list"),
        Expected.of("BlkCntByPool", "2026-01-01", "Solo Miner", "1", "h1, named by the user file"),
        Expected.of("BlkCntByPool", "2026-01-02", "Beaver", "1", "the user row wins over the shipped 'beaverbuild'"),
        Expected.of("BlkCntByPool", "2026-01-02", "beaverbuild", null, "the shipped row loses"),
        Expected.of("BlkCntByPool", "2026-01-02", "Ethermine", null, "no block of Ethermine that day: no row"),
        Expected.of("BlkCntByPool", "2026-01-04", "Ethermine", "1", "the replacing block"),
        Expected.of("BlkCntByPool", "2026-01-04", "Solo Miner", null, "the replaced block was M2's"),
        Expected.of("PoolShare", "2026-01-01", "Ethermine", "0.6666666667", "2 of 3"),
        Expected.of("PoolShare", "2026-01-01", "Solo Miner", "0.3333333333", "1 of 3"),
        Expected.of("PoolShare", "2026-01-02", "Solo Miner", "0.5", "1 of 2"),
        Expected.of("IssBlkNtv", "2026-01-01", "6062500000000000000", "2.0625e18 + 2e18 + 2e18"),
        Expected.of("IssBlkNtv", "2026-01-02", "0", "no block reward after the merge"),
        Expected.of("BlkUncRwd", "2026-01-01", "1750000000000000000", "U's uncle reward"),
        Expected.of("BlkUncRwd", "2026-01-02", "0", "none"),
        Expected.of("IssWdrlNtv", "2026-01-01", "0", "none"),
        Expected.of("IssWdrlNtv", "2026-01-02", "1000000000000000000", "1e9 gwei to V; V2's is 0"),
        Expected.of("IssWdrlNtv", "2026-01-04", "2000000000000000000", "2e9 gwei to V in the replacing block"),
        Expected.of("IssContNtv", "2026-01-01", "7812500000000000000", "6.0625e18 + 1.75e18"),
        Expected.of("IssContNtv", "2026-01-02", "0", "withdrawals are not proof-of-work issuance"),
        Expected.of("IssTotNtv", "2026-01-01", "7812500000000000000", "block and uncle rewards"),
        Expected.of("IssTotNtv", "2026-01-02", "1000000000000000000", "the withdrawal"),
        Expected.of("RevNtv", "2026-01-01", "7812500000001210000", "rewards 7.8125e18 + fees 210000 + 1000000 (nothing burnt)"),
        Expected.of("RevNtv", "2026-01-02", "153000", "tips 63000 + 90000; withdrawals are not revenue"),
        Expected.of("RevNtv", "2026-01-04", "0", "no fee, no reward"),
        Expected.of("FeeRevPct", "2026-01-01", "0", "100 * 1.21e6 / 7.8125e18 = 1.5e-11, 0 at 10 decimals"),
        Expected.of("FeeRevPct", "2026-01-02", "100", "revenue is all fees"),
        Expected.of("FeeRevPct", "2026-01-04", null, "no revenue: no row"));
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
