package org.openbds.metrics;

import static org.openbds.metrics.BitcoinTestChain.pay;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
 * Block, difficulty, revenue and pool metrics on a hand-built chain, written and updated day by day. Difficulties are
 * in the 10^12 range so that hash rates are a few hundred thousand TH/s, and block sizes follow from the transaction
 * sizes: a block is its 80-byte header plus its transactions (coinbases are 100 bytes, no witness).
 *
 * <pre>
 * day 1 (2026-03-01)
 *   h0 00:00 diff 1e12  tag ""                         coinbase 5000 -> G            (genesis; pool unknown)
 *   h1 01:00 diff 2e12  tag "/ViaBTC/Mined by x"       coinbase 5000 -> M1           (ViaBTC)
 *   h2 01:20 diff 2e12  tag "/AntPool/" at an odd hex  coinbase 5040 -> Foundry's payout address (Foundry USA: the
 *                       offset only (not a byte                                         tag does not count)
 *                       boundary)
 *                       tb: h1:0 (M1 5000) -> Q 4960                   fee 40, 250 bytes
 *   h3 02:00 diff 4e12  tag ""                         coinbase 4990 -> P1           (unknown; claims 10 less than
 *                       tc: h2:0 (5040) -> R 5020                      fee 20, 300 bytes, 200 vbytes   it may)
 * day 2 (2026-03-02)
 *   h4 00:30 diff 4e12  tag "七彩神仙鱼" (F2Pool)        coinbase 5000 -> F
 *   h5 06:30 diff 4e12  tag "/ViaBTC/TATMAS Pool/"     coinbase 5090 -> T            (TATMAS Pool, listed before
 *                       td: h3:0 (P1 4990) -> S 4900                   fee 90, 200 bytes                  ViaBTC)
 * day 3 (2026-03-04; none on 03-03)
 *   h6 10:00 diff 4e12  tag ""  coinbase 5000 -> P1;  h7 11:00 coinbase 5000 -> P1;  h8 12:00 coinbase 5000 -> bare
 *                       multisig output (no address)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BitcoinMiningMetricsTest {
  static final String FAMILY = "bitcoin";
  private static final String FOUNDRY_PAYOUT = "1FFxkVijzvUPUeHgkFjBk2Qw8j3wQY2cDw";
  /** "/AntPool/" is 2F416E74506F6F6C2F in hex; these bytes hold it at hex offset 1, inside bytes, and are not UTF-8. */
  private static final byte[] ANTPOOL_AT_ODD_OFFSET =
      new byte[] {0x02, (byte) 0xF4, 0x16, (byte) 0xE7, 0x45, 0x06, (byte) 0xF6, (byte) 0xF6, (byte) 0xC2, (byte) 0xF0};

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("mining"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    build(warehouse, engine);
  }

  /** Writes the chain day by day into {@code w}, updating {@code e} after each day. */
  static void build(Warehouse w, MetricEngine e) {
    BitcoinTestChain chain = new BitcoinTestChain();
    chain.block("2026-03-01T00:00:00Z", 1e12, "", pay(5_000, "G", "p2wpkh"));
    chain.block("2026-03-01T01:00:00Z", 2e12, "/ViaBTC/Mined by x", pay(5_000, "M1", "p2wpkh"));
    long h1 = chain.coinbase();
    chain.block("2026-03-01T01:20:00Z", 2e12, ANTPOOL_AT_ODD_OFFSET, pay(5_040, FOUNDRY_PAYOUT, "p2pkh"));
    long h2 = chain.coinbase();
    chain.tx(250, 250, List.of(chain.output(h1, 0)), pay(4_960, "Q"));
    chain.block("2026-03-01T02:00:00Z", 4e12, "", pay(4_990, "P1", "p2wpkh"));
    long h3 = chain.coinbase();
    chain.tx(300, 200, List.of(chain.output(h2, 0)), pay(5_020, "R", "p2wpkh"));
    chain.writeTo(w);
    e.update(BitcoinTestChain.CHAIN, FAMILY);
    chain.block("2026-03-02T00:30:00Z", 4e12, "七彩神仙鱼", pay(5_000, "F", "p2wpkh"));
    chain.block("2026-03-02T06:30:00Z", 4e12, "/ViaBTC/TATMAS Pool/", pay(5_090, "T", "p2wpkh"));
    chain.tx(200, 200, List.of(chain.output(h3, 0)), pay(4_900, "S"));
    chain.writeTo(w);
    e.update(BitcoinTestChain.CHAIN, FAMILY);
    chain.block("2026-03-04T10:00:00Z", 4e12, "", pay(5_000, "P1", "p2wpkh"));
    chain.block("2026-03-04T11:00:00Z", 4e12, "", pay(5_000, "P1", "p2wpkh"));
    chain.block("2026-03-04T12:00:00Z", 4e12, "", pay(5_000, null, "multisig"));
    chain.writeTo(w);
    e.update(BitcoinTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  /** Blocks times mean difficulty times 2^32 hashes, over a day of seconds, in TH/s. */
  static String hashRate(long blocks, String meanDifficulty) {
    return new BigDecimal(blocks).multiply(new BigDecimal(meanDifficulty)).multiply(new BigDecimal(4_294_967_296L))
        .divide(new BigDecimal(86_400L * 1_000_000_000_000L), 10, RoundingMode.HALF_UP).toPlainString();
  }

  static String percent(long part, long whole) {
    return new BigDecimal(part * 100).divide(new BigDecimal(whole), 10, RoundingMode.HALF_UP).toPlainString();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("BlkCnt", "2026-03-04", "3", "h6, h7 and h8"),
        Expected.of("BlkSizeByte", "2026-03-01", "1270", "h0 180 + h1 180 + h2 (180 + 250) + h3 (180 + 300)"),
        Expected.of("BlkSizeByte", "2026-03-02", "560", "h4 180 + h5 (180 + 200)"),
        Expected.of("BlkSizeMeanByte", "2026-03-01", "317.5", "1270 / 4"),
        Expected.of("BlkWghtTot", "2026-03-01", "4681",
            "stripped size * 3 + size: h0 and h1 720 each, h2 430 * 4 = 1720; h3's segwit tx strips (300 - 200) * 4 / 3"
                + " = 133 bytes, so 347 * 3 + 480 = 1521"),
        Expected.of("BlkWghtMean", "2026-03-01", "1170.25", "4681 / 4"),
        Expected.of("BlkWghtMean", "2026-03-02", "1120", "(720 + 380 * 4) / 2"),
        Expected.of("BlkIntMean", "2026-03-01", "2400",
            "h1 - h0 3600 s, h2 - h1 1200 s, h3 - h2 2400 s; genesis has no block before it"),
        Expected.of("BlkIntMean", "2026-03-02", "51300",
            "h4 - h3 (from 02:00 the day before to 00:30) 81000 s, h5 - h4 21600 s"),
        Expected.of("BlkEmptyCnt", "2026-03-01", "2", "h0 and h1 hold only their coinbase"),
        Expected.of("BlkEmptyCnt", "2026-03-04", "3", "h6, h7, h8"),
        Expected.of("BlkTxMean", "2026-03-01", "0.5", "(0 + 0 + 1 + 1) / 4, coinbases not counted"),
        Expected.of("DiffMean", "2026-03-01", "2250000000000", "(1 + 2 + 2 + 4) / 4 * 10^12"),
        Expected.of("DiffLast", "2026-03-01", "4000000000000", "h3's difficulty"),
        Expected.of("RevNtv", "2026-03-01", "20030", "5000 + 5000 + 5040 + 4990"),
        Expected.of("RevNtv", "2026-03-02", "10090", "5000 + 5090"),
        Expected.of("IssTotNtv", "2026-03-01", "19970",
            "coinbase minus fees per block: 5000 + 5000 + (5040 - 40) + (4990 - 20); h3 claimed 10 less than it could"),
        Expected.of("IssTotNtv", "2026-03-02", "10000", "5000 + (5090 - 90)"),
        Expected.of("FeeRevPct", "2026-03-01", percent(60, 20030), "fees 40 + 20 = 60 of revenue 20030"),
        Expected.of("FeeRevPct", "2026-03-04", "0", "no fees"),
        Expected.of("HashRate", "2026-03-01", hashRate(4, "2.25e12"), "4 blocks * mean difficulty 2.25e12 * 2^32 / 86400 / 10^12"),
        Expected.of("HashRate", "2026-03-02", hashRate(2, "4e12"), "2 blocks * 4e12 * 2^32 / 86400 / 10^12"),
        Expected.of("MinerDistinctCnt", "2026-03-01", "4",
            "ViaBTC, Foundry USA, and the unknown-pool payout addresses G (genesis) and P1"),
        Expected.of("MinerDistinctCnt", "2026-03-02", "2", "F2Pool and TATMAS Pool"),
        Expected.of("MinerDistinctCnt", "2026-03-04", "1",
            "h6 and h7 both pay P1 (one miner); h8 pays no single address and is not counted"),
        Expected.of("ChainSizeByte", "2026-03-01", "1270", "day 1's blocks"),
        Expected.of("ChainSizeByte", "2026-03-04", "2370", "1270 + 560 + 3 * 180"),
        Expected.of("BlkCntByPool", "2026-03-01", "unknown", "2", "h0 and h3"),
        Expected.of("BlkCntByPool", "2026-03-01", "ViaBTC", "1", "h1: tag /ViaBTC/"),
        Expected.of("BlkCntByPool", "2026-03-01", "Foundry USA", "1",
            "h2: the AntPool tag sits at an odd hex offset, so the payout address decides"),
        Expected.of("BlkCntByPool", "2026-03-01", "AntPool", null, "no block at a byte boundary"),
        Expected.of("BlkCntByPool", "2026-03-02", "F2Pool", "1", "h4: the UTF-8 tag 七彩神仙鱼"),
        Expected.of("BlkCntByPool", "2026-03-02", "TATMAS Pool", "1", "h5: /ViaBTC/TATMAS Pool/ comes before /ViaBTC/"),
        Expected.of("BlkCntByPool", "2026-03-02", "ViaBTC", null, "h5 goes to TATMAS Pool only"),
        Expected.of("PoolShare", "2026-03-01", "unknown", "0.5", "2 of 4 blocks"),
        Expected.of("PoolShare", "2026-03-01", "ViaBTC", "0.25", "1 of 4"),
        Expected.of("PoolShare", "2026-03-02", "F2Pool", "0.5", "1 of 2"),
        Expected.of("BlkEmptyCntByPool", "2026-03-01", "unknown", "1", "h0 is empty, h3 is not"),
        Expected.of("BlkEmptyCntByPool", "2026-03-01", "Foundry USA", "0", "h2 holds a transaction"),
        Expected.of("RevNtvByPool", "2026-03-01", "unknown", "9990", "h0 5000 + h3 4990"),
        Expected.of("RevNtvByPool", "2026-03-01", "Foundry USA", "5040", "h2"),
        Expected.of("HashRateByPool", "2026-03-01", "unknown", hashRate(2, "2.5e12"), "2 blocks, mean difficulty (1 + 4) / 2 e12"),
        Expected.of("HashRateByPool", "2026-03-01", "ViaBTC", hashRate(1, "2e12"), "1 block of difficulty 2e12"));
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
  void poolTagsAddedByTheUserComeBeforeTheShippedOnes() throws Exception {
    Path tags = dir.resolve("my-pool-tags.tsv");
    Files.writeString(tags, "kind\tpattern\tpool\tchains\ncoinbase_tag\tMined by x\tMy pool\t\naddress\tP1\tP pool\tbtc\n");
    try (Warehouse w = TestWarehouses.open(dir.resolve("extended"))) {
      MetricEngine e = new MetricEngine(w, MetricCatalog.load(Map.of("pool_tags", tags)));
      build(w, e);
      for (Expected x :
          List.of(
              Expected.of("BlkCntByPool", "2026-03-01", "My pool", "1", "h1's tag holds both 'Mined by x' and /ViaBTC/"),
              Expected.of("BlkCntByPool", "2026-03-01", "ViaBTC", null, "the user's row is tried first"),
              Expected.of("BlkCntByPool", "2026-03-01", "P pool", "1", "h3 pays the user's address P1"),
              Expected.of("BlkCntByPool", "2026-03-04", "P pool", "2", "h6 and h7"))) {
        MetricAssertions.assertValue(e, BitcoinTestChain.CHAIN, FAMILY, x);
      }
    }
  }
}
