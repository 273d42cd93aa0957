package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;

/**
 * {@code bds report} over a real chain, proven in a real browser: a {@code litecoind -regtest} whose clock is set day by
 * day ({@code setmocktime}) mines wallet traffic from 2026-09-24 to 2026-11-02 with one quiet day; bds syncs it, the
 * report for October is written and opened in headless Chromium, which must lay out and paint every chart, show the
 * month's blocks, transactions and fees exactly as the node's own {@code getblockstats} add them up, load nothing but
 * the file and log no error. The full-page screenshot stays in {@code target/test-artifacts/}.
 */
class ReportRenderIT {
  private static final YearMonth MONTH = YearMonth.of(2026, 10);
  private static final LocalDate FIRST_DAY = LocalDate.of(2026, 9, 24);
  private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 2);
  private static final LocalDate QUIET_DAY = LocalDate.of(2026, 10, 13);
  private static final ChainId LTC = new ChainId("ltc");
  /** The catalog version written with the values this test computes itself for metrics the catalog does not have yet. */
  private static final String FIXTURE_VERSION = "test-fixture";

  @TempDir Path dir;

  /** The month's totals as the node reports them. */
  private record NodeFigures(long blocks, long transactions, long fees, long tip) {}

  @Test
  void aMonthOfARealLitecoinChainRendersInChromium() throws Exception {
    TestingChromium chromium = TestingChromium.require("ReportRenderIT");
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping ReportRenderIT");
    }
    assumeTrue(binary.isPresent(), "litecoind missing");

    Path data = dir.resolve("data");
    NodeFigures expected;
    try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("node"))) {
      node.call("setmocktime", epochSecond(FIRST_DAY, 8));
      WalletActivity activity = WalletActivity.start(node, 17);
      int index = 0;
      for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1), index++) {
        if (day.equals(QUIET_DAY)) {
          continue;
        }
        node.call("setmocktime", epochSecond(day, 10));
        activity.round();
        if (index % 3 == 0) {
          node.call("setmocktime", epochSecond(day, 16));
          activity.round();
        }
      }
      SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
      expected = nodeFigures(node);
    }
    assertThat(expected.blocks()).as("October blocks").isGreaterThan(40);
    int fixtureMetrics = addValuesTheCatalogLacks(data);

    Path report = dir.resolve("report-ltc-2026-10.html");
    Cli.Result r = Cli.run(data, "report", "--chain", "ltc", "--month", "2026-10", "--out", report.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("report: metrics already current");
    Path screenshot = Path.of("target", "test-artifacts", "report-ltc-2026-10.png");
    Files.deleteIfExists(screenshot);
    JsonNode verdict = chromium.render(report, screenshot);

    // nothing but the file itself was requested, nothing failed, no script
    assertThat(texts(verdict.get("requests"))).containsExactly(verdict.get("url").asText());
    assertThat(texts(verdict.get("consoleErrors"))).isEmpty();
    assertThat(texts(verdict.get("pageErrors"))).isEmpty();
    assertThat(verdict.get("scripts").asInt()).isZero();
    assertThat(verdict.get("title").asText()).isEqualTo("LTC operating report \u2014 October 2026");
    assertThat(verdict.at("/facts/Warehouse tip").asText()).startsWith("block " + String.format("%,d", expected.tip()) + " \u00b7 ");

    // every chart laid out in the viewport, with marks of real size drawn inside it and a tooltip on each bar and point
    List<String> titles = new ArrayList<>();
    for (JsonNode chart : verdict.get("charts")) {
      String title = chart.get("title").asText();
      titles.add(title);
      assertThat(chart.get("inView").asBoolean()).as(title).isTrue();
      assertThat(chart.get("width").asDouble()).as(title).isGreaterThan(300);
      assertThat(chart.get("height").asDouble()).as(title).isGreaterThan(80);
      assertThat(chart.get("visibleMarks").asInt()).as(title).isPositive();
      assertThat(chart.get("paintedMarks").asInt()).as(title).isPositive();
      assertThat(chart.get("yTicks").asInt()).as(title).isBetween(3, 12);
      assertThat(chart.get("xTicks").asInt()).as(title).isEqualTo(7);
      assertThat(chart.get("tooltips").asInt()).as(title).isEqualTo(chart.get("bars").asInt() + chart.get("points").asInt());
    }
    assertThat(titles).contains("Transactions per day", "Active addresses", "New addresses per day", "Fees per day", "Blocks per day",
        "Mean block interval", "Mean block size");
    // one bar per October day with blocks: all but the quiet day
    assertThat(chart(verdict, "Blocks per day").get("bars").asInt()).isEqualTo(30);
    assertThat(chart(verdict, "Transactions per day").get("bars").asInt()).isEqualTo(30);
    // daily, 7-day and 30-day active addresses
    assertThat(chart(verdict, "Active addresses").get("lines").asInt()).isEqualTo(3);

    // the key figures, as the node adds them up
    assertThat(verdict.at("/figures/BlkCnt/value").asText()).isEqualTo(String.format("%,d", expected.blocks()));
    assertThat(verdict.at("/figures/TxCnt/value").asText()).isEqualTo(String.format("%,d", expected.transactions()));
    assertThat(verdict.at("/figures/FeeTotNtv/value").asText()).isEqualTo(coins(expected.fees()) + " LTC");
    assertThat(verdict.at("/figures/TxCnt/was").asText()).startsWith("September 2026: ");
    assertThat(verdict.at("/figures/AdrActCnt/value").asText()).matches("[0-9,]+(\\.[0-9]{1,2})?");

    // the September cohort's retention in October, as a heat-map cell
    assertThat(texts(verdict.get("heatCells"))).isNotEmpty().allMatch(t -> t.matches("[0-9]{1,3}\\.[0-9]%"));
    List<String> notes = texts(verdict.get("notes"));
    assertThat(notes).anyMatch(n -> n.contains("No blocks on 1 day within the warehouse's range: 2026-10-13."));
    assertThat(notes).anyMatch(n -> n.contains("October 2026 has blocks on 30 of its 31 days"));
    assertThat(notes).anyMatch(n -> n.contains("Changes compare with September 2026, which has blocks on only 7 of its 30 days"));
    assertThat(notes).anyMatch(n -> n.startsWith("The stored values are current: computed over the blocks up to " + String.format("%,d", expected.tip())));
    if (fixtureMetrics > 0) {
      assertThat(notes).anyMatch(n -> n.contains("computed with catalog versions") && n.contains(FIXTURE_VERSION));
    }

    // the screenshot: a tall page of real pixels, not a blank or an error page
    assertThat(screenshot).exists();
    assertThat(Files.size(screenshot)).isGreaterThan(50_000);
    BufferedImage image = ImageIO.read(screenshot.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(image.getHeight()).isGreaterThan(2000);
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 7) {
      for (int x = 0; x < image.getWidth(); x += 7) {
        colours.add(image.getRGB(x, y));
      }
    }
    assertThat(colours).as("distinct colours sampled").hasSizeGreaterThan(40);
    System.out.printf(
        "report: %d October blocks, %d transactions, %d litoshi of fees; %d charts; screenshot %s%n", expected.blocks(), expected.transactions(),
        expected.fees(), titles.size(), screenshot.toAbsolutePath());
  }

  /** The October blocks, their non-coinbase transactions and fees, from the node's headers and getblockstats. */
  private static NodeFigures nodeFigures(RegtestNode node) {
    long tip = node.call("getblockcount").asLong();
    long blocks = 0;
    long transactions = 0;
    long fees = 0;
    for (long h = 1; h <= tip; h++) {
      JsonNode header = node.call("getblockheader", node.call("getblockhash", h).asText());
      LocalDate day = java.time.Instant.ofEpochSecond(header.get("time").asLong()).atZone(ZoneOffset.UTC).toLocalDate();
      if (YearMonth.from(day).equals(MONTH)) {
        JsonNode stats = node.call("getblockstats", h, List.of("txs", "totalfee"));
        blocks++;
        transactions += stats.get("txs").asLong() - 1;
        fees += stats.get("totalfee").asLong();
      }
    }
    return new NodeFigures(blocks, transactions, fees, tip);
  }

  /**
   * Computes the metrics, then stores values for those the report charts whose catalog entries are still being written
   * (block interval and size, address retention), each from the base tables by its written definition. Metrics the
   * catalog has are left to the engine. Returns how many were added.
   */
  private static int addValuesTheCatalogLacks(Path data) {
    MetricCatalog catalog = MetricCatalog.load();
    List<String> statements = new ArrayList<>();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      new MetricEngine(w, catalog).update(LTC, "bitcoin");
      String insert = "INSERT INTO ltc.metrics ";
      if (catalog.metric("bitcoin", "BlkSizeMeanByte").isEmpty()) {
        statements.add(insert + "SELECT CAST(time AS DATE), 'BlkSizeMeanByte', '', avg(size), '" + FIXTURE_VERSION + "' FROM ltc.blocks GROUP BY 1");
      }
      if (catalog.metric("bitcoin", "BlkIntMean").isEmpty()) {
        // seconds since the previous block, averaged over the day's blocks; the first block after genesis has none
        statements.add(insert + "SELECT CAST(time AS DATE), 'BlkIntMean', '', avg(seconds), '" + FIXTURE_VERSION + "' FROM"
            + " (SELECT time, epoch(time) - epoch(lag(time) OVER (ORDER BY height)) AS seconds, height FROM ltc.blocks) WHERE height > 1 GROUP BY 1");
      }
      if (catalog.metric("bitcoin", "AdrRetPct").isEmpty()) {
        // on each month's last day with data: of the addresses first seen in an earlier month, the share active in this month so far
        statements.add(insert
            + "WITH firsts AS (SELECT address_id, strftime(min(first_day), '%Y-%m') AS cohort FROM ltc.m_address_day GROUP BY 1),"
            + " sizes AS (SELECT cohort, count(*) AS n FROM firsts GROUP BY 1),"
            + " ends AS (SELECT max(day) AS day FROM ltc.metrics_blocks GROUP BY date_trunc('month', day)),"
            + " active AS (SELECT DISTINCT e.day, a.address_id FROM ends e JOIN ltc.m_address_day a ON a.day BETWEEN date_trunc('month', e.day) AND e.day)"
            + " SELECT a.day, 'AdrRetPct', f.cohort, 100.0 * count(*) / s.n, '" + FIXTURE_VERSION + "'"
            + " FROM active a JOIN firsts f USING (address_id) JOIN sizes s USING (cohort) WHERE f.cohort < strftime(a.day, '%Y-%m')"
            + " GROUP BY a.day, f.cohort, s.n");
      }
      if (!statements.isEmpty()) {
        w.executeAtomically(statements);
      }
    }
    return statements.size();
  }

  /** Litoshi in coins, written out independently of the report's own formatter: every digit, commas by thousands. */
  private static String coins(long litoshi) {
    String fraction = String.format("%08d", litoshi % 100_000_000).replaceFirst("0+$", "");
    return String.format("%,d", litoshi / 100_000_000) + (fraction.isEmpty() ? "" : "." + fraction);
  }

  private static JsonNode chart(JsonNode verdict, String title) {
    for (JsonNode chart : verdict.get("charts")) {
      if (chart.get("title").asText().equals(title)) {
        return chart;
      }
    }
    throw new AssertionError("no chart '" + title + "' in " + verdict.get("charts"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static long epochSecond(LocalDate day, int hour) {
    return day.atTime(hour, 0).toEpochSecond(ZoneOffset.UTC);
  }
}
