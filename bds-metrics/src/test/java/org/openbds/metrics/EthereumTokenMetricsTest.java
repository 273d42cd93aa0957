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
 * Token metrics on a hand-built chain with an ERC-20 (T20), an ERC-721 (T721), an ERC-1155 (T1155) and an ERC-20 that
 * moves an amount of 41 digits (TBIG). Written and updated block by block; day 3's block is first written differently
 * and then replaced.
 *
 * <pre>
 * 2026-03-01 08:00 t0 T20 mints 1000 to A and 500 to B      t1 T721 mints ids 1 and 2 to A
 *                  t2 T1155 mints 10 of id 7 to B            t3 an Approval event of T20, no transfer
 *            18:00 t4 T20 A->C 300, A->A 50, A->D 0          t5 T721 id 1 A->C      t6 a failed call to T20 (no event)
 * 2026-03-02 09:00 t7 T20 C->zero 300 (burn), B->D 100      t8 T1155 id 7 B->E 4, B->B 1
 *                  t9 TBIG mints 10^40 to F, F->G 5
 * 2026-03-03 10:00 t10 T20 D->A 100, TBIG F->G 1            t11 T721 mints id 3 to E
 *                  (first written as T20 A->Q 999, then replaced)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumTokenMetricsTest {
  static final String FAMILY = "ethereum";
  static final String ZERO = EthereumTestChain.ZERO;
  static final String T20 = EthereumTestChain.address("T20");
  static final String T721 = EthereumTestChain.address("T721");
  static final String T1155 = EthereumTestChain.address("T1155");
  static final String TBIG = EthereumTestChain.address("TBIG");

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("tokens"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    EthereumTestChain chain = new EthereumTestChain();
    chain.block("2026-03-01T08:00:00Z", "M");
    chain.tx("A", "T20").input("0x40c10f19").erc20("T20", ZERO, "A", "1000").erc20("T20", ZERO, "B", "500");
    chain.tx("A", "T721").input("0x40c10f19").erc721("T721", ZERO, "A", 1).erc721("T721", ZERO, "A", 2);
    chain.tx("B", "T1155").input("0x40c10f19").erc1155("T1155", ZERO, "B", 7, "10");
    chain.tx("A", "T20").input("0x095ea7b3").log("T20", EthereumTestChain.APPROVAL);
    update(chain);
    chain.block("2026-03-01T18:00:00Z", "M");
    chain.tx("A", "T20").input("0xa9059cbb").erc20("T20", "A", "C", "300").erc20("T20", "A", "A", "50").erc20("T20", "A", "D", "0");
    chain.tx("A", "T721").input("0x23b872dd").erc721("T721", "A", "C", 1);
    chain.tx("A", "T20").input("0xa9059cbb").erc20("T20", "A", "B", "999").failed();
    update(chain);
    chain.block("2026-03-02T09:00:00Z", "M");
    chain.tx("C", "T20").input("0x42966c68").erc20("T20", "C", ZERO, "300").erc20("T20", "B", "D", "100");
    chain.tx("B", "T1155").input("0xf242432a").erc1155("T1155", "B", "E", 7, "4").erc1155("T1155", "B", "B", 7, "1");
    chain.tx("F", "TBIG").input("0x40c10f19").erc20("TBIG", ZERO, "F", "1" + "0".repeat(40)).erc20("TBIG", "F", "G", "5");
    update(chain);
    long day2 = chain.height();
    chain.block("2026-03-03T10:00:00Z", "M");
    chain.tx("A", "T20").input("0xa9059cbb").erc20("T20", "A", "Q", "999");
    update(chain);
    chain.rollbackTo(day2);
    chain.block("2026-03-03T10:00:00Z", "M");
    chain.tx("D", "T20").input("0xa9059cbb").erc20("T20", "D", "A", "100").erc20("TBIG", "F", "G", "1");
    chain.tx("E", "T721").input("0x40c10f19").erc721("T721", ZERO, "E", 3);
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
        Expected.of("TxTknCnt", "2026-03-01", "6", "t0 to t5 (t3 for its Approval); the failed t6 emitted nothing"),
        Expected.of("TxTknCnt", "2026-03-02", "3", "t7, t8, t9"),
        Expected.of("TxTknCnt", "2026-03-03", "2", "t10, t11"),
        Expected.of("TxTfrERC20Cnt", "2026-03-01", "3", "the two mints and A->C; not A->A (same address) nor A->D 0"),
        Expected.of("TxTfrERC20Cnt", "2026-03-02", "4", "C->zero, B->D, TBIG's mint and F->G"),
        Expected.of("TxTfrERC20Cnt", "2026-03-03", "2", "D->A, F->G; not the replaced A->Q"),
        Expected.of("TxTfrERC721Cnt", "2026-03-01", "3", "two mints and A->C"),
        Expected.of("TxTfrERC721Cnt", "2026-03-02", "0", "none"),
        Expected.of("TxTfrERC721Cnt", "2026-03-03", "1", "the mint to E"),
        Expected.of("TxTfrERC1155Cnt", "2026-03-01", "1", "the mint to B"),
        Expected.of("TxTfrERC1155Cnt", "2026-03-02", "1", "B->E; not B->B"),
        Expected.of("TknMintCnt", "2026-03-01", "5", "2 of T20, 2 of T721, 1 of T1155"),
        Expected.of("TknMintCnt", "2026-03-02", "1", "TBIG's"),
        Expected.of("TknBurnCnt", "2026-03-01", "0", "none"),
        Expected.of("TknBurnCnt", "2026-03-02", "1", "C->zero"),
        Expected.of("TknActCnt", "2026-03-01", "3", "T20, T721, T1155"),
        Expected.of("TknActCnt", "2026-03-02", "3", "T20, T1155, TBIG"),
        Expected.of("TknActCnt", "2026-03-03", "3", "T20, TBIG, T721"),
        Expected.of("TknNewCnt", "2026-03-01", "3", "T20, T721, T1155"),
        Expected.of("TknNewCnt", "2026-03-02", "1", "TBIG"),
        Expected.of("TknNewCnt", "2026-03-03", "0", "none"),
        Expected.of("TknTfrCntByStd", "2026-03-01", "erc20", "5", "2 mints + A->C, A->A, A->D"),
        Expected.of("TknTfrCntByStd", "2026-03-01", "erc721", "3", "2 mints + A->C"),
        Expected.of("TknTfrCntByStd", "2026-03-01", "erc1155", "1", "the mint"),
        Expected.of("TknTfrCntByStd", "2026-03-02", "erc721", "0", "a row with 0"),
        Expected.of("TknTfrCntByStd", "2026-03-02", "erc1155", "2", "B->E, B->B"),
        Expected.of("TknTfrCntByStd", "2026-03-03", "erc20", "2", "D->A, F->G"),
        Expected.of("TknTfrCnt", "2026-03-01", T20, "5", "2 mints, A->C, A->A, A->D"),
        Expected.of("TknTfrCnt", "2026-03-01", T721, "3", "2 mints, A->C"),
        Expected.of("TknTfrCnt", "2026-03-02", T721, null, "no transfer of T721: no row"),
        Expected.of("TknTfrCnt", "2026-03-02", TBIG, "2", "its mint and F->G"),
        Expected.of("TknTfrCnt", "2026-03-03", T20, "1", "D->A"),
        Expected.of("TknTfrVal", "2026-03-01", T20, "1850", "1000 + 500 + 300 + 50 + 0"),
        Expected.of("TknTfrVal", "2026-03-01", T721, "3", "1 per ERC-721 transfer"),
        Expected.of("TknTfrVal", "2026-03-01", T1155, "10", "the mint"),
        Expected.of("TknTfrVal", "2026-03-02", T1155, "5", "4 + 1"),
        Expected.of("TknTfrVal", "2026-03-02", TBIG, null, "10^40 has 41 digits: no value rather than a wrong one"),
        Expected.of("TknTfrVal", "2026-03-03", TBIG, "1", "F->G 1"),
        Expected.of("TknAdrActCnt", "2026-03-01", T20, "4", "A, B, C, D; the zero address is no holder"),
        Expected.of("TknAdrActCnt", "2026-03-01", T721, "2", "A, C"),
        Expected.of("TknAdrActCnt", "2026-03-02", T20, "3", "C, B, D"),
        Expected.of("TknAdrActCnt", "2026-03-02", TBIG, "2", "F, G"),
        Expected.of("TknAdrActCnt", "2026-03-03", T20, "2", "D, A; not Q of the replaced block"),
        Expected.of("TknAdrNewCnt", "2026-03-01", T20, "4", "A, B, C, D"),
        Expected.of("TknAdrNewCnt", "2026-03-02", T20, "0", "C, B, D were seen on 03-01"),
        Expected.of("TknAdrNewCnt", "2026-03-02", T1155, "1", "E"),
        Expected.of("TknAdrNewCnt", "2026-03-03", T721, "1", "E"),
        Expected.of("TknHldCnt", "2026-03-01", T20, "3", "A 700, B 500, C 300; D got 0"),
        Expected.of("TknHldCnt", "2026-03-01", T721, "2", "A holds id 2, C id 1"),
        Expected.of("TknHldCnt", "2026-03-01", T1155, "1", "B 10"),
        Expected.of("TknHldCnt", "2026-03-02", T20, "3", "A 700, B 400, D 100; C burnt all"),
        Expected.of("TknHldCnt", "2026-03-02", T1155, "2", "B 6, E 4"),
        Expected.of("TknHldCnt", "2026-03-02", TBIG, null, "TBIG moved an amount of 41 digits: left out from that day"),
        Expected.of("TknHldCnt", "2026-03-03", T20, "2", "A 800, B 400; D sent its 100"),
        Expected.of("TknHldCnt", "2026-03-03", T721, "3", "A, C and E"),
        Expected.of("TknHldCnt", "2026-03-03", TBIG, null, "still left out"));
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
