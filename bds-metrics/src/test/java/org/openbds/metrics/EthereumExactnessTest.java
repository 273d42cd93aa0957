package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
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
import org.openbds.api.BdsException;
import org.openbds.api.QueryResult;
import org.openbds.api.Warehouse;

/**
 * Wei amounts beyond 64 bits and beyond a double's 53-bit mantissa stay exact through sums, means and medians, and an
 * amount too large for a stored value is an error, never a rounded or wrapped number.
 *
 * <pre>
 * 2026-04-01 h0 A opens with 10^25 + 7 wei
 *   t0 A->B 10^24 + 1, gas 21000 at 10^15 + 1 (fee 21000000000000021000, above 2^64)
 *   t1 A->C 10^24 + 3, gas 21000 at 10^15 + 1
 *   t2 C->A 0, gas 21001 at 1 (fee 21001); C also moves 2^256 - 1 of token T
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthereumExactnessTest {
  static final String FAMILY = "ethereum";
  static final String MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();

  @TempDir static Path dir;
  private Warehouse warehouse;
  private MetricEngine engine;

  @BeforeAll
  void buildAndCompute() {
    warehouse = TestWarehouses.open(dir.resolve("exact"));
    engine = new MetricEngine(warehouse, MetricCatalog.load());
    EthereumTestChain chain = new EthereumTestChain();
    chain.block("2026-04-01T12:00:00Z", "M").opening("A", "10000000000000000000000007");
    chain.tx("A", "B").value("1000000000000000000000001").gas(21_000, new BigInteger("1000000000000001"));
    chain.tx("A", "C").value("1000000000000000000000003").gas(21_000, new BigInteger("1000000000000001"));
    chain.tx("C", "A").gas(21_001, 1).erc20("T", "C", "D", MAX_UINT256);
    chain.writeTo(warehouse);
    engine.update(EthereumTestChain.CHAIN, FAMILY);
  }

  @AfterAll
  void close() {
    warehouse.close();
  }

  static List<Expected> expectations() {
    return List.of(
        Expected.of("TxTfrValNtv", "2026-04-01", "2000000000000000000000004", "(10^24 + 1) + (10^24 + 3), to the last wei"),
        Expected.of("TxTfrValMeanNtv", "2026-04-01", "1000000000000000000000002", "2000000000000000000000004 / 2"),
        Expected.of("TxTfrValMedNtv", "2026-04-01", "1000000000000000000000002", "mean of the two values"),
        Expected.of("FeeTotNtv", "2026-04-01", "42000000000000063001", "2 * 21000 * (10^15 + 1) + 21001"),
        Expected.of("FeeMeanNtv", "2026-04-01", "14000000000000021000.3333333333",
            "42000000000000063001 / 3: 30 significant digits, which no double holds"),
        Expected.of("FeeMedNtv", "2026-04-01", "21000000000000021000", "sorted 21001, then 2.1e19 + 21000 twice"),
        Expected.of("SplyCur", "2026-04-01", "10000000000000000000000007", "A's opening: fees stay with the fee recipient"),
        Expected.of("TknTfrVal", "2026-04-01", EthereumTestChain.address("T"), null, "2^256 - 1 has 78 digits: no value"));
  }

  @TestFactory
  Stream<DynamicTest> everyMetricMatchesItsHandWorkedValue() {
    return MetricAssertions.check(engine, EthereumTestChain.CHAIN, FAMILY, expectations());
  }

  @Test
  void dayByDayUpdatesEqualAComputationFromScratch() {
    MetricAssertions.assertIncrementalEqualsFull(engine, warehouse, EthereumTestChain.CHAIN, FAMILY);
  }

  @Test
  void aSupplyTooLargeForAStoredValueIsAnError() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("supply"))) {
      EthereumTestChain chain = new EthereumTestChain();
      chain.block("2026-04-01T12:00:00Z", "M").opening("A", "1" + "0".repeat(28));
      chain.tx("A", "B").value(1).gas(21_000, 1);
      chain.writeTo(w);
      MetricEngine e = new MetricEngine(w, MetricCatalog.load());
      assertThatThrownBy(() -> e.update(EthereumTestChain.CHAIN, FAMILY))
          .isInstanceOf(BdsException.class).hasMessageContaining("DECIMAL(38,10)");
      assertThat(w.query("SELECT count(*) FROM eth.metrics").rows().get(0).get(0)).isEqualTo(0L);
    }
  }

  /**
   * A day with hundreds of thousands of addresses goes through the helpers' bulk paths (numbering every address at once);
   * every one of them is counted and its balance summed.
   */
  @Test
  void aDayWithManyAddressesCountsEveryOne() {
    int n = 300_000;
    try (Warehouse w = TestWarehouses.open(dir.resolve("many"))) {
      EthereumTestChain chain = new EthereumTestChain();
      chain.block("2026-04-01T12:00:00Z", "M").opening("A", "1000");
      chain.tx("A", "B").value(1).gas(21_000, 0);
      chain.writeTo(w);
      // n addresses 0x…1000000, 0x…1000001…: each opens at 0 and then receives its index + 1 wei
      String numbered = "generate_series(0, " + (n - 1) + ") AS g(i)";
      String address = TestWarehouses.onPostgres() ? "'0x' || lpad(to_hex(1000000 + i), 40, '0')" : "printf('0x%040x', 1000000 + i)";
      w.executeAtomically(TestWarehouses.rows(List.of(
          "INSERT INTO eth.balance_changes (block_number, transaction_index, transaction_hash, address, kind, delta_digits)"
              + " SELECT 0, NULL, NULL, " + address + ", 'opening', '0' FROM " + numbered,
          "INSERT INTO eth.balance_changes (block_number, transaction_index, transaction_hash, address, kind, delta_digits)"
              + " SELECT 0, NULL, NULL, " + address + ", 'withdrawal', CAST(i + 1 AS " + (TestWarehouses.onPostgres() ? "NUMERIC" : "VARCHAR") + ") FROM " + numbered)));
      MetricEngine e = new MetricEngine(w, MetricCatalog.load());
      e.update(EthereumTestChain.CHAIN, FAMILY);
      java.time.LocalDate day = java.time.LocalDate.parse("2026-04-01");
      QueryResult r = e.values(EthereumTestChain.CHAIN, FAMILY, List.of("AdrActCnt", "AdrBalCnt", "SplyCur"), day, day);
      assertThat(r.rows()).extracting(row -> row.get(1) + "=" + ((java.math.BigDecimal) row.get(3)).toBigInteger())
          .containsExactly(
              "AdrActCnt=" + (n + 2), // the withdrawals' addresses, A and B
              "AdrBalCnt=" + (n + 2),
              "SplyCur=" + (1000 + (long) n * (n + 1) / 2));
    }
  }

  @Test
  void aBalanceBeyond128BitsIsAnError() {
    try (Warehouse w = TestWarehouses.open(dir.resolve("balance"))) {
      EthereumTestChain chain = new EthereumTestChain();
      chain.block("2026-04-01T12:00:00Z", "M").opening("A", BigInteger.TWO.pow(127).toString());
      chain.tx("A", "B").value(1).gas(21_000, 1);
      chain.writeTo(w);
      MetricEngine e = new MetricEngine(w, MetricCatalog.load());
      assertThatThrownBy(() -> e.update(EthereumTestChain.CHAIN, FAMILY)).isInstanceOf(BdsException.class);
    }
  }
}
