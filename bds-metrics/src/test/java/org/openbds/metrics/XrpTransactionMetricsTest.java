package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Ledger, transaction, fee, payment, supply and account metrics of the XRP Ledger on hand-built ledgers, written and
 * updated ledger by ledger; the last ledger is appended to the last day after its metrics were computed. Total coins
 * before the first ledger: 99,999,999,000,000,000 drops (10^17 less 10^9 burnt before it). Delivered amounts are the
 * Payments' Amounts. L1002 closes at 16:00:10 UTC, already 3 March in the tests' time zone (Asia/Shanghai): it belongs
 * to 1 March.
 *
 * <pre>
 * 2026-03-01 L1000 00:00:00  T1 Payment A->B 5,000,000 drops, fee 12, 1 memo
 *                            T2 Payment A->C 10.5 USD (SendMax XRP: cross-currency), fee 10
 *            L1001 00:00:04  T3 Payment B->C XRP, fee 15, tecPATH_DRY
 *                            T4 OfferCreate D, fee 10, 2 memos
 *            L1002 16:00:10  P1 EnableAmendment (enables), P2 EnableAmendment tfGotMajority
 *                            T5 Payment B->A 1,000,000 drops, partial, fee 20
 *            L1003 23:59:59  empty
 * 2026-03-02 L1004 00:00:03  T6 Payment C->D 0.00000000005 USD, fee 12;  T7 Payment E->D 2.25 USD, fee 12
 *                            T8 Payment A->D 10^18 EUR (SendMax XRP), fee 12;  T9 OfferCreate E, fee 10, tecUNFUNDED_OFFER
 *            L1005 12:00:00  P3 SetFee;  T10 Payment D->E 3,000,000 drops, fee 12, 1 memo
 * 2026-03-03 L1006 00:00:00  T11 Payment A->B 7,000,001 drops, fee 12
 *            L1007 10:00:00  T12 NFTokenMint C, fee 10
 *            L1008 20:00:00  T13 Payment F->A 2 drops, fee 13, 1 memo (appended last)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XrpTransactionMetricsTest {
  static final String FAMILY = "xrp";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;
  private MetricUpdate appended;
  private List<String> earlierDaysBefore;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("transactions"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    XrpTestChain chain = new XrpTestChain(1000, 99_999_999_000_000_000L);
    chain.ledger("2026-03-01T00:00:00Z");
    chain.tx("Payment", "A").to("B").xrp(5_000_000).fee(12).memos(1);
    chain.tx("Payment", "A").to("C").iou("USD", "10.5").sendMax("XRP").fee(10);
    update(chain);
    chain.ledger("2026-03-01T00:00:04Z");
    chain.tx("Payment", "B").to("C").xrp(1_000).fee(15).failed("tecPATH_DRY");
    chain.tx("OfferCreate", "D").fee(10).memos(2);
    chain.ledger("2026-03-01T16:00:10Z");
    chain.pseudo("EnableAmendment");
    chain.pseudo("EnableAmendment").flags(0x0001_0000L);
    chain.tx("Payment", "B").to("A").xrp(1_000_000).partial().fee(20);
    update(chain);
    chain.ledger("2026-03-01T23:59:59Z");
    chain.ledger("2026-03-02T00:00:03Z");
    chain.tx("Payment", "C").to("D").iou("USD", "0.00000000005").fee(12);
    chain.tx("Payment", "E").to("D").iou("USD", "2.25").fee(12);
    chain.tx("Payment", "A").to("D").iou("EUR", "1000000000000000000").sendMax("XRP").fee(12);
    chain.tx("OfferCreate", "E").fee(10).failed("tecUNFUNDED_OFFER");
    update(chain);
    chain.ledger("2026-03-02T12:00:00Z");
    chain.pseudo("SetFee");
    chain.tx("Payment", "D").to("E").xrp(3_000_000).fee(12).memos(1);
    chain.ledger("2026-03-03T00:00:00Z");
    chain.tx("Payment", "A").to("B").xrp(7_000_001).fee(12);
    chain.ledger("2026-03-03T10:00:00Z");
    chain.tx("NFTokenMint", "C").fee(10);
    update(chain);
    earlierDaysBefore = earlierDays();
    chain.ledger("2026-03-03T20:00:00Z");
    chain.tx("Payment", "F").to("A").xrp(2).fee(13).memos(1);
    chain.writeTo(warehouse);
    appended = engine.update(XrpTestChain.CHAIN, FAMILY);
  }

  private void update(XrpTestChain chain) {
    chain.writeTo(warehouse);
    engine.update(XrpTestChain.CHAIN, FAMILY);
  }

  private List<String> earlierDays() {
    return warehouse.query("SELECT day, metric, instance, value FROM xrp.metrics WHERE day < DATE '2026-03-03' ORDER BY 1, 2, 3")
        .rows().stream().map(Object::toString).toList();
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("BlkCnt", "2026-03-01", "4", "L1000 to L1003; L1002 is 3 March in Shanghai, 1 March in UTC"),
        Expected.of("BlkCnt", "2026-03-02", "2", "L1004, L1005"),
        Expected.of("BlkCnt", "2026-03-03", "3", "L1006, L1007 and the appended L1008"),
        Expected.of("BlkIntMean", "2026-03-01", "28799.6666666667", "L1000 has no previous ledger; (4 + 57606 + 28789) / 3"),
        Expected.of("BlkIntMean", "2026-03-02", "21600.5", "L1003 23:59:59 -> L1004 00:00:03 = 4 s; 43197 s; (4 + 43197) / 2"),
        Expected.of("BlkIntMean", "2026-03-03", "38400", "(43200 + 36000 + 36000) / 3"),
        Expected.of("BlkEmptyCnt", "2026-03-01", "1", "L1003"),
        Expected.of("BlkEmptyCnt", "2026-03-02", "0", "both hold transactions"),
        Expected.of("BlkTxCntMean", "2026-03-01", "1.75", "(2 + 2 + 3 + 0) / 4, pseudo-transactions included"),
        Expected.of("BlkTxCntMean", "2026-03-02", "3", "(4 + 2) / 2"),
        Expected.of("BlkTxCntMean", "2026-03-03", "1", "3 / 3"),
        Expected.of("FeeBurnNtv", "2026-03-01", "67", "22 + 25 + 20 + 0"),
        Expected.of("FeeBurnNtv", "2026-03-02", "58", "46 + 12"),
        Expected.of("FeeBurnNtv", "2026-03-03", "35", "12 + 10 + 13"),
        Expected.of("SplyCur", "2026-03-01", "99999998999999933", "99,999,999,000,000,000 - 67"),
        Expected.of("SplyCur", "2026-03-02", "99999998999999875", "- 58"),
        Expected.of("SplyCur", "2026-03-03", "99999998999999840", "- 35"),
        Expected.of("SplyBurntNtv", "2026-03-01", "1000000067", "10^17 - 99,999,998,999,999,933"),
        Expected.of("SplyBurntNtv", "2026-03-03", "1000000160", "10^17 - 99,999,998,999,999,840"),
        Expected.of("TxCnt", "2026-03-01", "5", "T1 to T5; P1 and P2 are pseudo-transactions"),
        Expected.of("TxCnt", "2026-03-02", "5", "T6 to T10; not P3"),
        Expected.of("TxCnt", "2026-03-03", "3", "T11 to T13"),
        Expected.of("TxSuccCnt", "2026-03-01", "4", "all but T3"),
        Expected.of("TxSuccCnt", "2026-03-02", "4", "all but T9"),
        Expected.of("TxFailCnt", "2026-03-01", "1", "T3 tecPATH_DRY"),
        Expected.of("TxFailCnt", "2026-03-02", "1", "T9 tecUNFUNDED_OFFER"),
        Expected.of("TxFailCnt", "2026-03-03", "0", "none"),
        Expected.of("TxSuccPct", "2026-03-01", "80", "100 * 4 / 5"),
        Expected.of("TxSuccPct", "2026-03-03", "100", "3 of 3"),
        Expected.of("TxCntSec", "2026-03-01", "0.0000578704", "5 / 86400"),
        Expected.of("TxCntSec", "2026-03-03", "0.0000347222", "3 / 86400"),
        Expected.of("FeeTotNtv", "2026-03-01", "67", "12 + 10 + 15 + 10 + 20 (the failed T3's fee too)"),
        Expected.of("FeeTotNtv", "2026-03-02", "58", "12 + 12 + 12 + 10 + 12; SetFee pays none"),
        Expected.of("FeeMeanNtv", "2026-03-01", "13.4", "67 / 5"),
        Expected.of("FeeMeanNtv", "2026-03-03", "11.6666666667", "35 / 3"),
        Expected.of("FeeMedNtv", "2026-03-01", "12", "10, 10, 12, 15, 20"),
        Expected.of("FeeMedNtv", "2026-03-02", "12", "10, 12, 12, 12, 12"),
        Expected.of("FeeMedNtv", "2026-03-03", "12", "10, 12, 13"),
        Expected.of("TxPmtCnt", "2026-03-01", "4", "T1, T2, T3 (failed), T5"),
        Expected.of("TxPmtCnt", "2026-03-02", "4", "T6, T7, T8, T10"),
        Expected.of("TxPmtSuccCnt", "2026-03-01", "3", "not T3"),
        Expected.of("TxPmtSuccCnt", "2026-03-03", "2", "T11, T13"),
        Expected.of("TxTfrCnt", "2026-03-01", "2", "T1 and T5 delivered XRP; T2 USD, T3 failed"),
        Expected.of("TxTfrCnt", "2026-03-02", "1", "T10"),
        Expected.of("TxTfrValNtv", "2026-03-01", "6000000", "5,000,000 + 1,000,000"),
        Expected.of("TxTfrValNtv", "2026-03-02", "3000000", "T10"),
        Expected.of("TxTfrValNtv", "2026-03-03", "7000003", "7,000,001 + 2"),
        Expected.of("TxTfrValMeanNtv", "2026-03-01", "3000000", "6,000,000 / 2"),
        Expected.of("TxTfrValMeanNtv", "2026-03-03", "3500001.5", "7,000,003 / 2"),
        Expected.of("TxPmtPartCnt", "2026-03-01", "1", "T5"),
        Expected.of("TxPmtPartCnt", "2026-03-02", "0", "none"),
        Expected.of("TxPmtXCurCnt", "2026-03-01", "1", "T2: SendMax XRP, Amount USD"),
        Expected.of("TxPmtXCurCnt", "2026-03-02", "1", "T8: SendMax XRP, Amount EUR; T6 and T7 have no SendMax"),
        Expected.of("TxPmtXCurCnt", "2026-03-03", "0", "XRP payments"),
        Expected.of("MemoCnt", "2026-03-01", "3", "T1 1 + T4 2"),
        Expected.of("MemoCnt", "2026-03-03", "1", "T13"),
        Expected.of("TxMemoCnt", "2026-03-01", "2", "T1, T4"),
        Expected.of("TxMemoCnt", "2026-03-02", "1", "T10"),
        Expected.of("AdrActCnt", "2026-03-01", "3", "A, B, D (B's failed T3 counts)"),
        Expected.of("AdrActCnt", "2026-03-02", "4", "C, E, A, D"),
        Expected.of("AdrActCnt", "2026-03-03", "3", "A, C, F"),
        Expected.of("AdrActSentCnt", "2026-03-01", "2", "A (T1, T2), B (T5)"),
        Expected.of("AdrActSentCnt", "2026-03-02", "4", "C, E, A, D"),
        Expected.of("AdrActSentCnt", "2026-03-03", "2", "A, F"),
        Expected.of("AdrActRecCnt", "2026-03-01", "3", "B, C, A; T3 failed"),
        Expected.of("AdrActRecCnt", "2026-03-02", "2", "D (three times), E"),
        Expected.of("AdrAct7dCnt", "2026-03-01", "3", "A, B, D"),
        Expected.of("AdrAct7dCnt", "2026-03-02", "5", "A, B, C, D, E"),
        Expected.of("AdrAct7dCnt", "2026-03-03", "6", "A to F"),
        Expected.of("AdrAct30dCnt", "2026-03-02", "5", "as the 7 days"),
        Expected.of("AdrAct30dCnt", "2026-03-03", "6", "as the 7 days"),
        Expected.of("AdrActDauMauRatio", "2026-03-01", "1", "3 / 3"),
        Expected.of("AdrActDauMauRatio", "2026-03-02", "0.8", "4 / 5"),
        Expected.of("AdrActDauMauRatio", "2026-03-03", "0.5", "3 / 6"),
        Expected.of("TxPseudoCnt", "2026-03-01", "2", "P1, P2"),
        Expected.of("TxPseudoCnt", "2026-03-02", "1", "P3"),
        Expected.of("TxPseudoCnt", "2026-03-03", "0", "none"),
        Expected.of("AmendEnabledCnt", "2026-03-01", "1", "P1; P2 only records a majority"),
        Expected.of("AmendEnabledCnt", "2026-03-02", "0", "SetFee"),
        Expected.of("NftMintCnt", "2026-03-03", "1", "T12"),
        Expected.of("NftMintCnt", "2026-03-01", "0", "none"),
        Expected.of("TxTypeCnt", "2026-03-01", "Payment", "4", "T1, T2, T3, T5"),
        Expected.of("TxTypeCnt", "2026-03-01", "OfferCreate", "1", "T4"),
        Expected.of("TxTypeCnt", "2026-03-01", "EnableAmendment", "2", "P1, P2"),
        Expected.of("TxTypeCnt", "2026-03-02", "SetFee", "1", "P3"),
        Expected.of("TxTypeCnt", "2026-03-02", "EnableAmendment", null, "none that day: no row"),
        Expected.of("TxTypeCnt", "2026-03-03", "NFTokenMint", "1", "T12"),
        Expected.of("TxResultCnt", "2026-03-01", "tesSUCCESS", "6", "T1, T2, T4, T5, P1, P2"),
        Expected.of("TxResultCnt", "2026-03-01", "tecPATH_DRY", "1", "T3"),
        Expected.of("TxResultCnt", "2026-03-02", "tecUNFUNDED_OFFER", "1", "T9"),
        Expected.of("TxResultCnt", "2026-03-02", "tesSUCCESS", "5", "T6, T7, T8, T10, P3"),
        Expected.of("TxTfrCntByCur", "2026-03-01", "USD.rIssuer", "1", "T2"),
        Expected.of("TxTfrCntByCur", "2026-03-02", "USD.rIssuer", "2", "T6, T7"),
        Expected.of("TxTfrCntByCur", "2026-03-02", "EUR.rIssuer", "1", "T8"),
        Expected.of("TxTfrValByCur", "2026-03-01", "USD.rIssuer", "10.5", "T2"),
        Expected.of("TxTfrValByCur", "2026-03-02", "USD.rIssuer", "2.2500000001",
            "0.00000000005 rounded half away from zero at the 10th decimal to 0.0000000001, + 2.25"),
        Expected.of("TxTfrValByCur", "2026-03-02", "EUR.rIssuer", null, "10^18 has 19 digits: left out, and no other EUR amount"),
        Expected.of("TxTfrValByCur", "2026-03-03", "USD.rIssuer", null, "no issued-currency payment that day"));
  }

  @TestFactory
  Stream<DynamicTest> everyMetricMatchesItsHandWorkedValue() {
    return MetricAssertions.check(engine, XrpTestChain.CHAIN, FAMILY, expectations());
  }

  @Test
  void aLedgerAppendedToTheLastDayRecomputesOnlyThatDay() {
    assertThat(appended.full()).isFalse();
    assertThat(appended.from()).contains(LocalDate.parse("2026-03-03"));
    assertThat(appended.to()).contains(LocalDate.parse("2026-03-03"));
    assertThat(appended.firstHeight()).isEqualTo(1008);
    assertThat(earlierDays()).as("the values of the days before").isEqualTo(earlierDaysBefore).isNotEmpty();
  }

  @Test
  void ledgerByLedgerUpdatesEqualAComputationFromScratch() {
    MetricAssertions.assertIncrementalEqualsFull(engine, warehouse, XrpTestChain.CHAIN, FAMILY);
  }
}
