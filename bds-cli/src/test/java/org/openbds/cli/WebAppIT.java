package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.api.ReadAccess;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.ChainFamilies;
import org.openbds.core.FileTrees;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;

/**
 * The web app in a real browser over a real chain: a {@code litecoind -regtest} makes about two weeks of wallet traffic
 * (its clock moved forward between rounds), bds syncs it into a fresh warehouse and computes the metrics, {@code bds
 * serve}'s {@link ApiServer} serves it, and headless Chromium ({@code src/test/js/web-app.mjs}) opens every page: the
 * overview (also at a phone's width), the metric explorer, a block, a search, a transaction, an address, the SQL
 * console, the query builder and a dashboard. No page may log an error, fail a request or show an error box; each
 * shows what the warehouse holds, as this test reads it with its own SQL; charts are painted. In the builder, a query
 * dragged together must answer what the same SQL answers; a query saved in the console becomes a dashboard tile that
 * survives a reload, because it is kept in the warehouse.
 *
 * <p>It runs on both warehouses: on the embedded one, and on a private PostgreSQL server that {@code bds sync
 * --warehouse} fills and keeps the metrics of.
 *
 * <p>The screenshots and the browser's verdict stay in {@code target/web-screenshots/} (PostgreSQL's in its
 * {@code postgresql/} folder). With {@code -Dbds.docs-screenshots=true} the tour's
 * (overview, metrics, sql, builder, dashboard) are also copied to {@code docs/screenshots/} for the README.
 */
class WebAppIT {
  private static final ChainId LTC = new ChainId("ltc");
  private static final Path SCRIPT = Path.of("src/test/js/web-app.mjs");
  private static final Path SCREENSHOTS = Path.of("target", "web-screenshots");
  private static final List<String> TOUR = List.of("overview", "metrics", "sql", "builder", "dashboard");
  private static final long SEED = 29;
  private static final int ROUNDS = 60;
  private static final Instant START = Instant.parse("2026-05-04T06:00:00Z");
  private static final long SCRIPT_TIMEOUT_SECONDS = 420;
  private static final long MAX_TOUR_SCREENSHOT_BYTES = 300_000;
  private static final String SAVED_QUERY = "Transactions per day";
  private static final String DASHBOARD = "Regtest activity";
  private static final String DAILY_SQL =
      "SELECT CAST(time AS DATE) AS day, count(*) AS transactions, count(DISTINCT block_height) AS blocks"
          + " FROM ltc.transactions WHERE NOT is_coinbase GROUP BY day ORDER BY day";

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** What the test picked from the warehouse to open, and what the pages must show for it. */
  private record Sample(long tip, long block, String blockHash, long blockTransactions, String txid, long txBlock, long inputs, long outputs,
      String address, long addressTransactions, long fee, List<String> builderRows, List<String> dailyRows, Map<String, String> lastValues) {}

  @Test
  void everyPageWorksInChromiumOverARealRegtestWarehouse() throws Exception {
    TestingChromium chromium = TestingChromium.require("WebAppIT");
    Path binary = requireLitecoind();
    Path data = dir.resolve("data");
    makeChain(binary, url -> SyncHarness.syncToTip(data, url, 500_000, new SyncListener() {}));
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data)) {
      new MetricEngine(warehouse, MetricCatalog.load()).update(LTC, "bitcoin");
      checkEveryPage(chromium, warehouse, SCREENSHOTS);
    }
    checkTourScreenshots();
  }

  @Test
  void everyPageWorksInChromiumOverAPostgreSqlWarehouse() throws Exception {
    TestingChromium chromium = TestingChromium.require("WebAppIT");
    Path binary = requireLitecoind();
    Path server = Files.createTempDirectory("bds-web-postgres"); // a directory PostgreSQL's own system user can reach
    try {
      String url = LocalPostgres.start(server, 0, "openbds").url().withPassword();
      makeChain(binary, node -> {
        Cli.Result sync = Cli.run(dir.resolve("unused"), "--warehouse", url, "sync", "--chain", "ltc", "--network", "regtest", "--rpc", node, "--exit-at-tip");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).containsPattern("metrics: .* computed in \\d+ ms");
      });
      try (PostgresWarehouse warehouse = PostgresWarehouse.open(url)) {
        checkEveryPage(chromium, warehouse, SCREENSHOTS.resolve("postgresql"));
      }
    } finally {
      LocalPostgres.stop(server);
      FileTrees.delete(server);
    }
  }

  private static Path requireLitecoind() {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping WebAppIT");
    }
    assumeTrue(binary.isPresent(), "litecoind missing");
    return binary.get();
  }

  /** Every page of the app in Chromium over {@code warehouse}, whose metrics are computed. */
  private <W extends Warehouse & ReadAccess> void checkEveryPage(TestingChromium chromium, W warehouse, Path screenshots) throws Exception {
    Sample sample = sample(warehouse);
    JsonNode pages = browse(chromium, warehouse, sample, screenshots).get("pages");

    assertThat(names(pages))
        .containsExactly("overview", "overview-phone", "metrics", "block", "search", "transaction", "address", "sql", "builder", "dashboard");
    for (String name : names(pages)) {
      assertPageClean(name, pages.get(name));
    }
    assertOverview(pages.get("overview"), sample);
    JsonNode phone = pages.get("overview-phone");
    assertOverview(phone, sample);
    assertThat(phone.get("innerWidth").asInt()).isEqualTo(390);
    assertThat(ImageIO.read(Path.of(phone.get("screenshot").asText()).toFile()).getWidth()).isEqualTo(390);
    assertExplorer(pages, sample);
    assertBuilder(pages.get("builder"), sample);
    assertSavedQueryAndDashboard(pages, sample, warehouse);
    System.out.printf(
        "web app: every page clean in Chromium over %,d blocks (%s); builder rows %d; screenshots in %s%n", sample.tip() + 1, warehouse.dialect(),
        sample.builderRows().size(), screenshots.toAbsolutePath());
  }

  /** About two weeks of wallet traffic on a private node, its clock moved forward between rounds, then synced by {@code sync}. */
  private void makeChain(Path binary, java.util.function.Consumer<String> sync) {
    try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node"))) {
      long clock = START.getEpochSecond();
      node.call("setmocktime", clock);
      WalletActivity activity = WalletActivity.start(node, SEED);
      Random random = new Random(SEED);
      for (int round = 0; round < ROUNDS; round++) {
        clock += 3600L * (2 + random.nextInt(8));
        node.call("setmocktime", clock);
        activity.round();
      }
      sync.accept(node.url());
    }
  }

  /** Serves the warehouse on a free port while web-app.mjs walks the app; returns its verdict, also kept as a file. */
  private JsonNode browse(TestingChromium chromium, ReadAccess warehouse, Sample sample, Path screenshots) throws Exception {
    Files.createDirectories(screenshots);
    try (DirectoryStream<Path> old = Files.newDirectoryStream(screenshots)) {
      for (Path file : old) {
        if (Files.isRegularFile(file)) {
          Files.delete(file);
        }
      }
    }
    JsonNode verdict;
    try (ApiServer server =
        new ApiServer(ServerConfig.fromSettings(Map.of("server.port", "0")), ApiKeys.load(dir), warehouse, ChainFamilies.load(),
            MetricCatalog.load(), new ChainStatus(), System.err)) {
      int port = server.start();
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("base", "http://127.0.0.1:" + port + "/");
      config.put("screenshots", screenshots.toAbsolutePath().toString());
      config.put("chromium", TestingChromium.CHROMIUM.toString());
      config.put("chain", LTC.value());
      config.put("block", sample.block());
      config.put("blockHash", sample.blockHash());
      config.put("tx", sample.txid());
      config.put("address", sample.address());
      config.put("sql", DAILY_SQL);
      config.put("builderFee", sample.fee());
      config.put("savedQuery", SAVED_QUERY);
      config.put("dashboard", DASHBOARD);
      verdict = chromium.run(SCRIPT, SCRIPT_TIMEOUT_SECONDS, JSON.writeValueAsString(config));
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(screenshots.resolve("verdict.json").toFile(), verdict);
    return verdict;
  }

  /** The metric explorer, and a block, a search, a transaction and an address as the warehouse has them. */
  private static void assertExplorer(JsonNode pages, Sample sample) {
    JsonNode metrics = pages.get("metrics");
    assertThat(metrics.get("series").asInt()).as("series drawn: TxCnt and AdrActCnt").isEqualTo(2);
    assertPainted("metric explorer", metrics.get("chart"));
    assertThat(texts(metrics.get("notes"))).hasSize(2).anyMatch(n -> n.startsWith("ltc TxCnt: ")).anyMatch(n -> n.startsWith("ltc AdrActCnt: "));

    JsonNode block = pages.get("block");
    assertThat(block.get("title").asText()).isEqualTo("LTC block " + grouped(sample.block()));
    assertThat(block.at("/facts/hash").asText()).isEqualTo(sample.blockHash());
    assertThat(block.at("/facts/transactions").asText()).isEqualTo(grouped(sample.blockTransactions()));
    assertThat(block.get("rows").asLong()).as("the block's transactions listed").isEqualTo(sample.blockTransactions());

    JsonNode search = pages.get("search");
    assertThat(search.get("hash").asText()).as("a block hash searched for leads to its block").isEqualTo("#/block/ltc/" + sample.blockHash());
    assertThat(search.get("title").asText()).isEqualTo("LTC block " + grouped(sample.block()));

    JsonNode tx = pages.get("transaction");
    assertThat(tx.get("id").asText()).isEqualTo(sample.txid());
    assertThat(tx.at("/facts/block").asText()).isEqualTo(grouped(sample.txBlock()));
    assertThat(tx.get("inputs").asLong()).as("inputs listed").isEqualTo(sample.inputs());
    assertThat(tx.get("outputs").asLong()).as("outputs listed").isEqualTo(sample.outputs());

    JsonNode address = pages.get("address");
    assertThat(address.at("/facts/transactions").asText()).isEqualTo(grouped(sample.addressTransactions()));
    assertThat(address.get("history").asLong()).as("the whole history, loaded page by page").isEqualTo(sample.addressTransactions());
    assertThat(address.get("moreButton").asText()).isEqualTo("All loaded");
    assertPainted("balance chart", address.get("chart"));
  }

  /** The console's result and chart; its query saved, made a dashboard tile that survives a reload, both kept in the warehouse. */
  private static void assertSavedQueryAndDashboard(JsonNode pages, Sample sample, Warehouse warehouse) throws Exception {
    JsonNode sql = pages.get("sql");
    assertThat(texts(sql.get("columns"))).containsExactly("day", "transactions", "blocks");
    assertThat(rows(sql.get("rows"))).as("the SQL console's result").isEqualTo(sample.dailyRows());
    assertPainted("SQL console's line chart", sql.get("chart"));
    assertThat(texts(sql.get("saved"))).contains(SAVED_QUERY);

    JsonNode dashboard = pages.get("dashboard");
    assertThat(dashboard.get("title").asText()).isEqualTo(DASHBOARD);
    for (String when : List.of("before", "after")) {
      JsonNode tiles = dashboard.get(when);
      assertThat(tiles).as("tiles %s the reload", when).hasSize(1);
      assertThat(tiles.get(0).get("title").asText()).isEqualTo(SAVED_QUERY);
      assertThat(tiles.get(0).get("rows").asInt()).isEqualTo(sample.dailyRows().size());
      assertPainted("the tile's line chart " + when + " the reload", tiles.get(0).get("chart"));
    }

    List<List<Object>> saved = warehouse.query("SELECT id, document FROM main.bds_saved_queries WHERE name = ?", SAVED_QUERY).rows();
    assertThat(saved).hasSize(1);
    JsonNode query = JSON.readTree((String) saved.get(0).get(1));
    assertThat(query.get("kind").asText()).isEqualTo("sql");
    assertThat(query.get("sql").asText()).isEqualTo(DAILY_SQL);
    assertThat(query.at("/chart/type").asText()).isEqualTo("line");
    String id = dashboard.get("id").asText();
    List<List<Object>> dashboards = warehouse.query("SELECT name, document FROM main.bds_dashboards WHERE id = ?", id).rows();
    assertThat(dashboards).as("dashboard %s in main.bds_dashboards", id).hasSize(1);
    assertThat(dashboards.get(0).get(0)).isEqualTo(DASHBOARD);
    JsonNode tiles = JSON.readTree((String) dashboards.get(0).get(1)).get("tiles");
    assertThat(tiles).hasSize(1);
    assertThat(tiles.get(0).get("query").asText()).isEqualTo(saved.get(0).get(0));
    assertThat(tiles.get(0).get("view").asText()).isEqualTo("line");
  }

  /** The README tour's screenshots: 1280 px wide and small enough to commit; copied to docs/ when asked. */
  private static void checkTourScreenshots() throws Exception {
    for (String name : TOUR) {
      Path shot = SCREENSHOTS.resolve(name + ".png");
      BufferedImage image = ImageIO.read(shot.toFile());
      assertThat(image.getWidth()).as(name + " screenshot width").isEqualTo(1280);
      assertThat(image.getHeight()).as(name + " screenshot height").isGreaterThan(500);
      assertThat(Files.size(shot)).as(name + " screenshot bytes").isBetween(20_000L, MAX_TOUR_SCREENSHOT_BYTES);
    }
    if (Boolean.getBoolean("bds.docs-screenshots")) {
      Path docs = Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("screenshots");
      Files.createDirectories(docs);
      for (String name : TOUR) {
        Files.copy(SCREENSHOTS.resolve(name + ".png"), docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.println("web app: the tour's screenshots copied to " + docs);
    }
  }

  /** Picks what to open from the warehouse, with its own SQL: the figures the pages must show. */
  private static Sample sample(Warehouse w) {
    long tip = number(one(w, "SELECT max(height) FROM ltc.blocks"));
    assertThat(number(one(w, "SELECT count(*) FROM ltc.transactions WHERE NOT is_coinbase"))).as("non-coinbase transactions").isGreaterThan(200);
    // a busy block whose transactions fit on one page of the table
    List<Object> block = row(w, "SELECT height, hash, tx_count FROM ltc.blocks WHERE tx_count <= 50 ORDER BY tx_count DESC, height LIMIT 1");
    assertThat(number(block.get(2))).as("transactions in the busiest block").isGreaterThanOrEqualTo(5);
    List<Object> tx = row(w, "SELECT txid, block_height, input_count, output_count FROM ltc.transactions WHERE NOT is_coinbase AND input_count > 1"
        + " AND output_count <= 50 ORDER BY input_count + output_count DESC, tx_id LIMIT 1");
    // the address in most transactions (the miner's: every coinbase, and the users' payments back)
    List<Object> address = row(w, "SELECT d.address, count(DISTINCT m.tx_id) AS n"
        + " FROM (SELECT tx_id, address_id FROM ltc.tx_outputs UNION ALL SELECT tx_id, address_id FROM ltc.tx_inputs) m"
        + " JOIN ltc.address_dictionary d USING (address_id) GROUP BY d.address ORDER BY n DESC, d.address LIMIT 1");
    assertThat(number(address.get(1))).as("transactions of the busiest address").isGreaterThan(50);
    long fee = number(one(w, "SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY fee) FROM ltc.transactions WHERE NOT is_coinbase"));
    List<String> builderRows = strings(w, "SELECT CAST(block_height AS VARCHAR) || '|' || CAST(sum(output_value) AS VARCHAR)"
        + " FROM ltc.transactions WHERE fee > ? GROUP BY block_height ORDER BY block_height", fee);
    assertThat(builderRows).as("blocks with a transaction paying more than the median fee").hasSizeGreaterThan(50);
    List<String> dailyRows = strings(w, "SELECT CAST(day AS VARCHAR) || '|' || transactions || '|' || blocks FROM (" + DAILY_SQL + ") d ORDER BY day");
    assertThat(dailyRows).as("UTC days with transactions").hasSizeGreaterThan(5);
    Map<String, String> lastValues = new LinkedHashMap<>();
    for (List<Object> r : w.query("SELECT metric, CAST((array_agg(value ORDER BY day DESC))[1] AS VARCHAR) FROM ltc.metrics WHERE metric IN ('TxCnt', 'BlkCnt')"
        + " AND instance = '' GROUP BY metric").rows()) {
      lastValues.put((String) r.get(0), (String) r.get(1));
    }
    assertThat(lastValues).containsOnlyKeys("TxCnt", "BlkCnt");
    return new Sample(tip, number(block.get(0)), (String) block.get(1), number(block.get(2)), (String) tx.get(0), number(tx.get(1)),
        number(tx.get(2)), number(tx.get(3)), (String) address.get(0), number(address.get(1)), fee, builderRows, dailyRows, lastValues);
  }

  /**
   * No error logged, thrown, answered or shown; nothing failed to load; a heading, no horizontal scrolling, a
   * screenshot. Shared by the web app tests of every family.
   */
  static void assertPageClean(String name, JsonNode page) {
    assertThat(page.path("failure").asText()).as("%s (%s): a step failed", name, page.get("route").asText()).isEmpty();
    assertThat(texts(page.get("consoleErrors"))).as("%s: console errors", name).isEmpty();
    assertThat(texts(page.get("pageErrors"))).as("%s: page errors", name).isEmpty();
    assertThat(texts(page.get("failedRequests"))).as("%s: failed requests", name).isEmpty();
    assertThat(texts(page.get("errorAnswers"))).as("%s: error answers", name).isEmpty();
    assertThat(texts(page.get("errors"))).as("%s: error boxes shown", name).isEmpty();
    assertThat(page.get("title").asText()).as("%s: heading", name).isNotBlank();
    assertThat(page.get("scrollWidth").asInt()).as("%s: page width (no horizontal scrolling)", name).isLessThanOrEqualTo(page.get("innerWidth").asInt());
    assertThat(Path.of(page.get("screenshot").asText())).as("%s: screenshot", name).isNotEmptyFile();
  }

  private static void assertOverview(JsonNode page, Sample sample) {
    assertThat(page.get("title").asText()).isEqualTo("Overview");
    assertThat(page.get("status").asText()).startsWith("Tip " + grouped(sample.tip()) + " · ");
    assertThat(page.get("latestBlocks").asInt()).isEqualTo(10);
    Map<String, String> shown = new LinkedHashMap<>();
    for (JsonNode kpi : page.get("kpis")) {
      shown.put(kpi.get("metric").asText(), kpi.get("value").asText());
      assertThat(kpi.at("/spark/painted").asInt()).as("sparkline of %s painted", kpi.get("metric")).isGreaterThan(20);
    }
    assertThat(shown).containsOnlyKeys("TxCnt", "AdrActCnt", "FeeTotNtv", "SplyCur", "BlkCnt");
    assertThat(shown.values()).doesNotContain("–");
    sample.lastValues().forEach((metric, value) -> assertThat(shown.get(metric)).as(metric + " on the last day").isEqualTo(grouped(new BigDecimal(value).longValueExact())));
  }

  private static void assertBuilder(JsonNode page, Sample sample) {
    assertThat(texts(page.at("/entries/filters"))).containsExactly("fee");
    assertThat(texts(page.at("/entries/groups"))).containsExactly("block_height");
    assertThat(texts(page.at("/entries/aggregates"))).containsExactly("output_value");
    assertThat(texts(page.at("/entries/sort"))).containsExactly("block_height");
    String sql = page.get("sql").asText();
    // the value is a bound parameter, shown apart from the SQL
    assertThat(sql).as("the builder's SQL").contains("\"fee\" > ?").contains("GROUP BY").endsWith("\n-- parameters: [" + sample.fee() + "]");
    assertThat(texts(page.get("columns"))).containsExactly("block_height", "sum_output_value");
    assertThat(page.get("info").asText()).startsWith(sample.builderRows().size() + " rows in ");
    assertThat(rows(page.get("rows"))).as("the builder's result, ordered by block_height").isEqualTo(sample.builderRows());
    assertPainted("the builder's bar chart", page.get("chart"));
  }

  /** A chart's canvas laid out at a real size, with the series drawn in colour inside its plot area. */
  private static void assertPainted(String what, JsonNode chart) {
    assertThat(chart).as(what).isNotNull();
    assertThat(chart.get("width").asInt()).as(what + ": width").isGreaterThan(300);
    assertThat(chart.get("height").asInt()).as(what + ": height").isGreaterThan(200);
    assertThat(chart.get("painted").asInt()).as(what + ": painted pixels").isGreaterThan(2_000);
    assertThat(chart.get("coloured").asInt()).as(what + ": coloured pixels in the plot area").isGreaterThan(200);
    assertThat(chart.get("dataUrl").asInt()).as(what + ": PNG data URL length").isGreaterThan(5_000);
  }

  private static Object one(Warehouse w, String sql, Object... parameters) {
    return row(w, sql, parameters).get(0);
  }

  private static List<Object> row(Warehouse w, String sql, Object... parameters) {
    List<List<Object>> rows = w.query(sql, parameters).rows();
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  private static List<String> strings(Warehouse w, String sql, Object... parameters) {
    List<String> out = new ArrayList<>();
    w.query(sql, parameters).rows().forEach(r -> out.add((String) r.get(0)));
    return out;
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  /** Table rows as shown, each as its cells joined by '|', with the thousands separators dropped. */
  private static List<String> rows(JsonNode rows) {
    List<String> out = new ArrayList<>();
    for (JsonNode row : rows) {
      out.add(String.join("|", texts(row)).replace(",", ""));
    }
    return out;
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
