package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.duckdb.DuckDbWarehouse;

/** {@code bds report} on a generated chain: the file it writes, its figures against SQL over the base tables, its errors. */
class ReportCommandTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void generateAndImport() {
    Path blocks = dir.resolve("blocks");
    // about 1,600 blocks, 150 to 600 s apart from 2024-01-01: a week of January
    Cli.Result g = Cli.run(dir.resolve("unused"), "generate", "--chain", "btc", "--txs", "6000", "--seed", "3", "--out", blocks.toString(),
        "--txs-per-block", "4");
    assertThat(g.exitCode()).as(g.err()).isZero();
    data = dir.resolve("data");
    Cli.Result r = Cli.run(data, "import", "--chain", "btc", "--network", "synthetic", "--blocks", blocks.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
  }

  @Test
  void writesTheMonthsReportWithFiguresAsTheBaseTablesHaveThem() throws IOException {
    Path out = dir.resolve("btc-2024-01.html");
    Cli.Result r = Cli.run(data, "report", "--chain", "btc", "--month", "2024-01", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // the other test may have run first and computed them
    assertThat(r.err()).containsPattern("report: metrics (computed from 2024-01-01 to 2024-01-\\d\\d|already current)");
    assertThat(r.out()).startsWith("wrote " + out).contains("btc 2024-01, blocks 0 to ");
    String html = Files.readString(out);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>BTC operating report \u2014 January 2024</title>");
    // nothing to load: no script, no source or link to fetch, no style import; in-page anchors only
    assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("url(").doesNotContain("@import").doesNotContain("<link");
    assertThat(html).doesNotContainPattern("href=\"(?!#)");
    assertThat(html).contains("<svg class=\"chart\"").contains("class=\"bar mark\"");

    long transactions = scalar("SELECT count(*) FROM btc.transactions WHERE NOT is_coinbase");
    long fees = scalar("SELECT CAST(sum(fee) AS BIGINT) FROM btc.transactions WHERE NOT is_coinbase");
    long blockCount = scalar("SELECT count(*) FROM btc.blocks");
    assertThat(card(html, "TxCnt")).contains(String.format("%,d", transactions));
    assertThat(card(html, "BlkCnt")).contains(String.format("%,d", blockCount)).contains("December 2023: no data");
    assertThat(card(html, "FeeTotNtv")).contains(new BigDecimal(fees).movePointLeft(8).stripTrailingZeros().toPlainString().replaceFirst("^(\\d)(\\d{3})\\.", "$1,$2.") + " BTC");
    assertThat(html).contains("The chain begins in this month").contains("December 2023 has no blocks in the warehouse");

    // nothing changed: the second run computes nothing and writes the same figures
    Cli.Result again = Cli.run(data, "report", "--chain", "btc", "--month", "2024-01", "--out", out.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.err()).contains("report: metrics already current");
    assertThat(card(Files.readString(out), "TxCnt")).isEqualTo(card(html, "TxCnt"));
  }

  @Test
  void badInputsAreClearErrors() throws IOException {
    Path out = dir.resolve("r.html");
    expectError(Cli.run(data, "report", "--chain", "btc", "--month", "2024-1", "--out", out.toString()), "INVALID_ARGUMENT", "YYYY-MM");
    expectError(Cli.run(data, "report", "--chain", "btc", "--month", "2024-13", "--out", out.toString()), "INVALID_ARGUMENT", "month 01 to 12");
    expectError(Cli.run(data, "report", "--chain", "xyz", "--month", "2024-01", "--out", out.toString()), "UNKNOWN_CHAIN", "known chains");
    expectError(Cli.run(data, "report", "--chain", "ltc", "--month", "2024-01", "--out", out.toString()), "UNKNOWN_CHAIN", "holds no chain 'ltc'");
    expectError(
        Cli.run(data, "report", "--chain", "btc", "--month", "2024-03", "--out", out.toString()), "INVALID_ARGUMENT", "no btc block has a time in 2024-03");
    expectError(Cli.run(dir.resolve("nowhere"), "report", "--chain", "btc", "--month", "2024-01", "--out", out.toString()), "UNKNOWN_CHAIN", "no warehouse");
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    expectError(
        Cli.run(data, "report", "--chain", "btc", "--month", "2024-01", "--out", file.resolve("r.html").toString()), "IO_FAILURE", "does not exist");
    expectError(Cli.run(data, "report", "--chain", "btc", "--month", "2024-01", "--out", dir.toString()), "IO_FAILURE", "is a directory");
    assertThat(out).doesNotExist();
  }

  private static void expectError(Cli.Result r, String code, String message) {
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.err()).contains("error: " + code + ": ").contains(message);
  }

  private static String card(String html, String metric) {
    int start = html.indexOf("<div class=\"card\" data-metric=\"" + metric + "\"");
    assertThat(start).as("a card for " + metric).isNotNegative();
    return html.substring(start, html.indexOf("<div class=\"id\">", start));
  }

  private static long scalar(String sql) {
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      return ((Number) w.query(sql).rows().get(0).get(0)).longValue();
    }
  }
}
