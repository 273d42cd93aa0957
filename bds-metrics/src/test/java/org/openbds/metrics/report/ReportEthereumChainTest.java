package org.openbds.metrics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;
import org.openbds.metrics.TestWarehouses;
import org.openbds.ethereum.split.EthTables;
import org.openbds.metrics.MetricCatalog;

/** The report of an Ethereum-family chain: its own block table, amounts in wei shown in ETH, gas and burnt fees. */
class ReportEthereumChainTest {
  private static final ChainId ETH = new ChainId("eth");

  @TempDir Path dir;

  @Test
  void anEthereumMonthReadsItsBlocksAndWritesWeiAsEther() {
    try (Warehouse w = TestWarehouses.open(dir)) {
      w.ensureChain(ETH, "dev", EthTables.TABLES, EthTables.VIEWS);
      List<String> rows = new ArrayList<>();
      String[] times = {"2026-09-30 23:59:59", "2026-10-01 00:00:01", "2026-10-02 08:00:00"};
      for (int n = 0; n < times.length; n++) {
        rows.add(String.format(
            "INSERT INTO eth.blocks (number, hash, parent_hash, \"timestamp\", miner, difficulty_digits, size, gas_limit, gas_used, transaction_count,"
                + " uncle_count, nonce, sha3_uncles, logs_bloom, transactions_root, state_root, receipts_root, extra_data)"
                + " VALUES (%d, '0x%064x', '0x%064x', TIMESTAMP '%s', '0xminer', '0', 600, 30000000, 21000, 1, 0, '0x0', '0x', '0x', '0x', '0x', '0x', '0x')",
            n, n + 1, n, times[n]));
        // fees large enough to need every digit: 1.000000000000000001 ETH and up
        rows.add(String.format(
            "INSERT INTO eth.transactions (hash, block_number, transaction_index, block_timestamp, from_address, value_digits, nonce, gas, blob_count,"
                + " transaction_type, access_list_entries, authorization_count, input, gas_used, cumulative_gas_used, effective_gas_price_digits, fee_digits, log_count)"
                + " VALUES ('0x%064x', %d, 0, TIMESTAMP '%s', '0xfrom', '0', %d, 21000, 0, 2, 0, 0, '0x', 21000, 21000, '1', '%s', 0)",
            n + 100, n, times[n], n, "1000000000000000001"));
      }
      // values stored as the engine stores them, written here so that this test reads what a report reads whatever the
      // state of the Ethereum catalog's SQL
      MetricCatalog catalog = MetricCatalog.load();
      rows.add("CREATE TABLE eth.metrics (day DATE NOT NULL, metric VARCHAR NOT NULL, instance VARCHAR NOT NULL, value DECIMAL(38,10) NOT NULL,"
          + " catalog_version VARCHAR NOT NULL)");
      rows.add("CREATE TABLE eth.metrics_blocks (height BIGINT NOT NULL, hash VARCHAR NOT NULL, day DATE NOT NULL)");
      rows.add("INSERT INTO eth.metrics_blocks SELECT number, hash, CAST(\"timestamp\" AS DATE) FROM eth.blocks");
      for (String day : List.of("2026-09-30", "2026-10-01", "2026-10-02")) {
        rows.add("INSERT INTO eth.metrics VALUES (DATE '" + day + "', 'BlkCnt', '', 1, '" + catalog.version() + "'),"
            + " (DATE '" + day + "', 'TxCnt', '', 1, '" + catalog.version() + "'),"
            + " (DATE '" + day + "', 'FeeTotNtv', '', 1000000000000000001, '" + catalog.version() + "'),"
            + " (DATE '" + day + "', 'GasUsedTot', '', 21000, '" + catalog.version() + "')");
      }
      w.executeAtomically(TestWarehouses.rows(rows));
      Clock clock = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
      ReportData data = new ReportDataLoader(w, catalog, clock).load(ETH, "ethereum", YearMonth.of(2026, 10), "wei");

      assertThat(data.unit()).isEqualTo(new CoinUnit("ETH", "wei", 18));
      assertThat(data.coverage().firstOfMonth().height()).isEqualTo(1);
      assertThat(data.coverage().lastOfMonth().height()).isEqualTo(2);
      assertThat(data.coverage().lastOfMonth().hash()).isEqualTo(String.format("0x%064x", 3));
      String html = ChainReportHtml.render(data);
      assertThat(html).contains("<title>ETH operating report \u2014 October 2026</title>");
      assertThat(html).contains("<div class=\"value\">2.000000000000000002 ETH</div>");
      assertThat(html).contains("September 2026: 1.000000000000000001 ETH");
      // gas and token activity are reported for this family; what the catalog lacks is said to be missing
      assertThat(html).contains("<div class=\"card\" data-metric=\"GasUsedTot\"").contains("<div class=\"value\">42,000</div>");
      assertThat(html).contains("<figure class=\"chart-box\" data-chart=\"Gas used per day\">");
      // a catalog metric without stored values in the month is named as left out
      assertThat(html).containsPattern("Left out[^<]*TxTfrERC20Cnt");
    }
  }

  @Test
  void theEthereumPlanFindsBurntFeesAndFeeRatesInTheCatalog() {
    ReportPlan plan = ReportPlan.of("ethereum", Set.of("BlkCnt", "FeeBurnTotNtv", "GasPriceMedPct"), Set.of("GasPriceMedPct"));
    assertThat(plan.decimals()).isEqualTo(18);
    assertThat(plan.burntFees()).contains("FeeBurnTotNtv");
    assertThat(plan.feeRate()).contains("GasPriceMedPct");
    assertThat(plan.figures()).extracting(ReportPlan.KeyFigure::id).contains("GasUsedTot", "FeeBurnTotNtv", "TxTfrERC20Cnt");
    assertThat(plan.charts()).extracting(ReportPlan.ChartPlan::title).contains("Gas used per day", "Fees burnt per day");
    ReportPlan bitcoin = ReportPlan.of("bitcoin", Set.of("FeeRatePct"), Set.of("FeeRatePct"));
    assertThat(bitcoin.feeRate()).contains("FeeRatePct");
    assertThat(bitcoin.burntFees()).isEmpty();
    assertThat(bitcoin.ids()).contains("UTXOCnt").doesNotContain("GasUsedTot");
  }
}
