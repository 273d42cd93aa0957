package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openbds.metrics.BitcoinTestChain.pay;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.metrics.report.ChainReportHtml;
import org.openbds.metrics.report.ReportData;
import org.openbds.metrics.report.ReportDataLoader;

/**
 * Report data read from a warehouse whose metrics the engine computed: blocks bucketed by UTC day (the tests run in a
 * non-UTC zone), values of the month and the month before, values written by another tool, cohorts, and the errors.
 */
class ReportDataLoaderTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void readsTheMonthTheMonthBeforeAndTheCoverage() {
    try (Warehouse w = TestWarehouses.open(dir)) {
      BitcoinTestChain chain = new BitcoinTestChain();
      chain.block("2026-09-30T23:59:59Z", 5_000, "A");
      long cb = chain.coinbase();
      chain.block("2026-10-01T00:00:00Z", 5_000, "B");
      chain.tx(200, 150, List.of(chain.output(cb, 0)), pay(3_000, "C"), pay(1_900, "A"));
      chain.block("2026-10-03T12:00:00Z", 5_000, "B");
      long cb2 = chain.coinbase();
      chain.block("2026-10-31T23:00:00Z", 5_000, "D");
      chain.tx(300, 300, List.of(chain.output(cb2, 0)), pay(4_000, "E"));
      chain.writeTo(w);
      MetricCatalog catalog = MetricCatalog.load();
      new MetricEngine(w, catalog).update(BitcoinTestChain.CHAIN, "bitcoin");
      // stored values in place of the computed ones: a hostile pool name, a cohort with a junk instance, another version
      w.executeAtomically(
          List.of(
              "DELETE FROM btc.metrics WHERE metric IN ('BlkCntByPool', 'AdrRetPct')",
              "INSERT INTO btc.metrics VALUES (DATE '2026-10-31', 'BlkCntByPool', '<b>Pool</b>', 2, 'other'),"
                  + " (DATE '2026-09-30', 'AdrRetPct', '2026-09', 100, 'other'), (DATE '2026-10-31', 'AdrRetPct', '2026-09', 50, 'other'),"
                  + " (DATE '2026-10-31', 'AdrRetPct', 'junk', 50, 'other')"));

      ReportData data = new ReportDataLoader(w, catalog, CLOCK).load(BitcoinTestChain.CHAIN, "bitcoin", YearMonth.of(2026, 10), "satoshi");

      assertThat(data.unit().ticker()).isEqualTo("BTC");
      assertThat(data.unit().decimals()).isEqualTo(8);
      assertThat(data.network()).isEqualTo("regtest");
      ReportData.Coverage c = data.coverage();
      assertThat(c.first().height()).isZero();
      assertThat(c.last().height()).isEqualTo(3);
      assertThat(c.firstOfMonth().height()).isEqualTo(1);
      assertThat(c.lastOfMonth().time().toString()).isEqualTo("2026-10-31T23:00");
      assertThat(c.blocksByDay())
          .containsExactly(
              java.util.Map.entry(LocalDate.parse("2026-09-30"), 1L), java.util.Map.entry(LocalDate.parse("2026-10-01"), 1L),
              java.util.Map.entry(LocalDate.parse("2026-10-03"), 1L), java.util.Map.entry(LocalDate.parse("2026-10-31"), 1L));
      assertThat(c.metricsTip()).map(ReportData.BlockId::height).contains(3L);

      assertThat(data.monthValues().sum("BlkCnt")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3"));
      assertThat(data.monthValues().sum("TxCnt")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("2"));
      assertThat(data.monthValues().sum("FeeTotNtv")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1100"));
      assertThat(data.previousValues().sum("BlkCnt")).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("1"));
      assertThat(data.monthValues().instances("BlkCntByPool")).containsKey("<b>Pool</b>");
      assertThat(data.storedVersions()).containsExactlyInAnyOrder(catalog.version(), "other");
      assertThat(data.catalog()).containsKey("AdrActCnt").containsKey("AdrRetPct");

      assertThat(data.cohorts()).hasSize(1);
      assertThat(data.cohorts().get(0).month()).isEqualTo(YearMonth.of(2026, 9));
      assertThat(data.cohorts().get(0).retention()).containsOnlyKeys(1);
      assertThat(data.cohorts().get(0).retention().get(1)).isEqualByComparingTo("50");
      // the September cohort: the new addresses of 2026-09-30
      assertThat(data.cohorts().get(0).addresses()).hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo(BigDecimal.ONE));

      String html = ChainReportHtml.render(data);
      assertThat(html).contains("&lt;b&gt;Pool&lt;/b&gt;").contains("2026-10-02");
    }
  }

  @Test
  void refusesAMonthWithoutBlocksAndAnUnknownChain() {
    try (Warehouse w = TestWarehouses.open(dir)) {
      BitcoinTestChain chain = new BitcoinTestChain();
      chain.block("2026-10-05T10:00:00Z", 5_000, "A");
      chain.writeTo(w);
      MetricCatalog catalog = MetricCatalog.load();
      ReportDataLoader loader = new ReportDataLoader(w, catalog, CLOCK);
      assertThatThrownBy(() -> loader.load(BitcoinTestChain.CHAIN, "bitcoin", YearMonth.of(2026, 11), "satoshi"))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
          .hasMessageContaining("no btc block has a time in 2026-11")
          .hasMessageContaining("from 2026-10-05 to 2026-10-05");
      assertThatThrownBy(() -> loader.load(new ChainId("doge"), "bitcoin", YearMonth.of(2026, 10), "koinu"))
          .isInstanceOfSatisfying(BdsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CHAIN));
      // never computed: the report still renders, saying so
      ReportData data = loader.load(BitcoinTestChain.CHAIN, "bitcoin", YearMonth.of(2026, 10), "satoshi");
      assertThat(data.coverage().metricsTip()).isEmpty();
      assertThat(ChainReportHtml.render(data)).contains("No metric values have been computed for btc yet.");
    }
  }
}
