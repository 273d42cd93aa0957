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
 * DEX offer, trust line, account, escrow, payment channel, check, NFT and AMM metrics of the XRP Ledger on hand-built
 * ledgers, written and updated ledger by ledger. Offers give XRP for USD; "filled" offers are removed with amounts
 * before and nothing left, "partly filled" ones modified with amounts before.
 *
 * <pre>
 * 2026-04-01 L2000 00:00:00  T1 OfferCreate D: creates O1 (D, seq 5)
 *                            T2 OfferCreate E: fills part of O1 (modified), creates O2 (E, seq 7)
 *                            T3 TrustSet F: line created;  T4 Payment A->G: account G created (20 XRP)
 *                            T5 EscrowCreate A: escrow +1,000,000 (A's account -1,000,012 is no holding)
 *                            T6 PaymentChannelCreate B: channel +500,000
 *            L2001 12:00:00  T7 Payment H->I through the books: removes O1 (0 drops left) and O3 (J, seq 9, 0 USD left)
 *                            T8 OfferCancel E naming 7: removes O2
 *                            T9 OfferCreate K naming 3: removes O4 (K, seq 3), creates O5 (K, seq 11)
 *                            T10 OfferCreate L, tecUNFUNDED_OFFER: removes M's unfunded O6 (seq 2)
 *                            T11 CheckCreate A; T12 CheckCash B; T13 CheckCash C tecNO_ENTRY
 * 2026-04-02 L2002 00:00:05  T14 EscrowFinish X: A's escrow -1,000,000;  T15 EscrowCreate B: +2,000,000 (and a USD escrow)
 *                            T16 EscrowCreate C tecUNFUNDED;  T17 PaymentChannelFund B: +300,000
 *                            T18 PaymentChannelClaim Z: channel -200,000;  T19 TrustSet F to 0: line deleted
 *                            T20 AccountDelete G: account deleted;  T21 NFTokenMint C;  T22 NFTokenBurn C
 *                            T23 NFTokenBurn D tecNO_ENTRY
 *            L2003 23:00:00  T24 AMMCreate P: the pool's account created;  T25 AMMDeposit Q;  T26 AMMWithdraw Q
 *                            T27 AMMDeposit R tecAMM_FAILED
 * 2026-04-03 L2004 00:00:00  T28 EscrowCancel Y: B's escrow -2,000,000;  T29 PaymentChannelClaim B closes: -600,000
 *                            T30 OfferCreate S: fills part of O5 (modified)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class XrpLedgerObjectMetricsTest {
  static final String FAMILY = "xrp";

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("objects"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    XrpTestChain chain = new XrpTestChain(2000, 99_990_000_000_000_000L);
    chain.ledger("2026-04-01T00:00:00Z");
    chain.tx("OfferCreate", "D").offer("O1", "created", "D", 5, 100L, false);
    chain.tx("OfferCreate", "E").offer("O1", "modified", "D", 5, 60L, true).offer("O2", "created", "E", 7, 50L, false);
    chain.tx("TrustSet", "F").trustLine("L1", "created");
    chain.tx("Payment", "A").to("G").xrp(20_000_000).accountEvent("G", "created", 20_000_000);
    chain.tx("EscrowCreate", "A").holding("A", "account", -1_000_012).holding("A", "escrow", 1_000_000);
    chain.tx("PaymentChannelCreate", "B").holding("B", "paychan", 500_000);
    update(chain);
    chain.ledger("2026-04-01T12:00:00Z");
    chain.tx("Payment", "H").to("I").xrp(160).offer("O1", "deleted", "D", 5, 0L, true).offer("O3", "deleted", "J", 9, "0", true);
    chain.tx("OfferCancel", "E").naming(7).offer("O2", "deleted", "E", 7, 50L, false);
    chain.tx("OfferCreate", "K").naming(3).offer("O4", "deleted", "K", 3, 70L, false).offer("O5", "created", "K", 11, 80L, false);
    chain.tx("OfferCreate", "L").failed("tecUNFUNDED_OFFER").offer("O6", "deleted", "M", 2, 90L, false);
    chain.tx("CheckCreate", "A");
    chain.tx("CheckCash", "B");
    chain.tx("CheckCash", "C").failed("tecNO_ENTRY");
    update(chain);
    chain.ledger("2026-04-02T00:00:05Z");
    chain.tx("EscrowFinish", "X").holding("A", "escrow", -1_000_000);
    chain.tx("EscrowCreate", "B").holding("B", "escrow", 2_000_000).holdingIou("B", "escrow", "5");
    chain.tx("EscrowCreate", "C").failed("tecUNFUNDED");
    chain.tx("PaymentChannelFund", "B").holding("B", "paychan", 300_000);
    chain.tx("PaymentChannelClaim", "Z").holding("B", "paychan", -200_000);
    chain.tx("TrustSet", "F").trustLine("L1", "deleted");
    chain.tx("AccountDelete", "G").accountEvent("G", "deleted", 19_999_988);
    chain.tx("NFTokenMint", "C");
    chain.tx("NFTokenBurn", "C");
    chain.tx("NFTokenBurn", "D").failed("tecNO_ENTRY");
    update(chain);
    chain.ledger("2026-04-02T23:00:00Z");
    chain.tx("AMMCreate", "P").accountEvent("rPool", "created", 10_000_000);
    chain.tx("AMMDeposit", "Q");
    chain.tx("AMMWithdraw", "Q");
    chain.tx("AMMDeposit", "R").failed("tecAMM_FAILED");
    update(chain);
    chain.ledger("2026-04-03T00:00:00Z");
    chain.tx("EscrowCancel", "Y").holding("B", "escrow", -2_000_000);
    chain.tx("PaymentChannelClaim", "B").holding("B", "paychan", -600_000);
    chain.tx("OfferCreate", "S").offer("O5", "modified", "K", 11, 40L, true);
    update(chain);
  }

  private void update(XrpTestChain chain) {
    chain.writeTo(warehouse);
    engine.update(XrpTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("DexOfferNewCnt", "2026-04-01", "3", "O1, O2, O5"),
        Expected.of("DexOfferNewCnt", "2026-04-02", "0", "none"),
        Expected.of("DexOfferFillCnt", "2026-04-01", "2", "O1 (0 drops left) and O3 (0 USD left), both changed by T7"),
        Expected.of("DexOfferFillCnt", "2026-04-03", "0", "O5 is only partly filled"),
        Expected.of("DexOfferPartFillCnt", "2026-04-01", "1", "O1 by T2"),
        Expected.of("DexOfferPartFillCnt", "2026-04-03", "1", "O5 by T30"),
        Expected.of("DexOfferCnclCnt", "2026-04-01", "2",
            "O2 by E's OfferCancel naming 7, O4 replaced by K's OfferCreate naming 3; M's unfunded O6 is not its owner's doing"),
        Expected.of("DexOfferCnclCnt", "2026-04-02", "0", "none"),
        Expected.of("TrustLineNewCnt", "2026-04-01", "1", "T3"),
        Expected.of("TrustLineNewCnt", "2026-04-02", "0", "none"),
        Expected.of("TrustLineDelCnt", "2026-04-01", "0", "none"),
        Expected.of("TrustLineDelCnt", "2026-04-02", "1", "T19"),
        Expected.of("AdrNewCnt", "2026-04-01", "1", "G"),
        Expected.of("AdrNewCnt", "2026-04-02", "1", "the AMM pool's account"),
        Expected.of("AdrNewCnt", "2026-04-03", "0", "none"),
        Expected.of("AdrDelCnt", "2026-04-01", "0", "none"),
        Expected.of("AdrDelCnt", "2026-04-02", "1", "G"),
        Expected.of("EscrowNewCnt", "2026-04-01", "1", "T5"),
        Expected.of("EscrowNewCnt", "2026-04-02", "1", "T15; T16 failed"),
        Expected.of("EscrowFinCnt", "2026-04-02", "1", "T14"),
        Expected.of("EscrowFinCnt", "2026-04-01", "0", "none"),
        Expected.of("EscrowCnclCnt", "2026-04-02", "0", "none"),
        Expected.of("EscrowCnclCnt", "2026-04-03", "1", "T28"),
        Expected.of("EscrowNetNtv", "2026-04-01", "1000000", "T5; A's own balance change is no escrow"),
        Expected.of("EscrowNetNtv", "2026-04-02", "1000000", "-1,000,000 + 2,000,000; the USD escrow is not XRP"),
        Expected.of("EscrowNetNtv", "2026-04-03", "-2000000", "T28"),
        Expected.of("SplyEscrowNtv", "2026-04-01", "1000000", "1,000,000"),
        Expected.of("SplyEscrowNtv", "2026-04-02", "2000000", "+ 1,000,000"),
        Expected.of("SplyEscrowNtv", "2026-04-03", "0", "- 2,000,000"),
        Expected.of("PayChanFundNtv", "2026-04-01", "500000", "T6"),
        Expected.of("PayChanFundNtv", "2026-04-02", "300000", "T17"),
        Expected.of("PayChanFundNtv", "2026-04-03", "0", "none"),
        Expected.of("PayChanRelNtv", "2026-04-01", "0", "none"),
        Expected.of("PayChanRelNtv", "2026-04-02", "200000", "T18"),
        Expected.of("PayChanRelNtv", "2026-04-03", "600000", "T29 closes the channel"),
        Expected.of("SplyPayChanNtv", "2026-04-01", "500000", "500,000"),
        Expected.of("SplyPayChanNtv", "2026-04-02", "600000", "+ 300,000 - 200,000"),
        Expected.of("SplyPayChanNtv", "2026-04-03", "0", "- 600,000"),
        Expected.of("CheckNewCnt", "2026-04-01", "1", "T11"),
        Expected.of("CheckNewCnt", "2026-04-02", "0", "none"),
        Expected.of("CheckCashCnt", "2026-04-01", "1", "T12; T13 failed"),
        Expected.of("NftMintCnt", "2026-04-02", "1", "T21"),
        Expected.of("NftBurnCnt", "2026-04-02", "1", "T22; T23 failed"),
        Expected.of("NftBurnCnt", "2026-04-01", "0", "none"),
        Expected.of("AmmNewCnt", "2026-04-02", "1", "T24"),
        Expected.of("AmmNewCnt", "2026-04-01", "0", "none"),
        Expected.of("AmmDepCnt", "2026-04-02", "1", "T25; T27 failed"),
        Expected.of("AmmWdrCnt", "2026-04-02", "1", "T26"),
        Expected.of("AmmWdrCnt", "2026-04-03", "0", "none"),
        Expected.of("TxFailCnt", "2026-04-02", "3", "T16, T23, T27"),
        Expected.of("TxResultCnt", "2026-04-01", "tecNO_ENTRY", "1", "T13"),
        Expected.of("TxTypeCnt", "2026-04-02", "AMMDeposit", "2", "T25, T27"));
  }

  @TestFactory
  Stream<DynamicTest> everyMetricMatchesItsHandWorkedValue() {
    return MetricAssertions.check(engine, XrpTestChain.CHAIN, FAMILY, expectations());
  }

  @Test
  void ledgerByLedgerUpdatesEqualAComputationFromScratch() {
    MetricAssertions.assertIncrementalEqualsFull(engine, warehouse, XrpTestChain.CHAIN, FAMILY);
  }
}
