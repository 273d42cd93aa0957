package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;

/**
 * The web app's XRP Ledger pages in a real browser over real mainnet ledgers: seven recorded ledgers imported by
 * {@code bds import --chain xrp --ledgers}, served by {@link ApiServer}, and headless Chromium
 * ({@code src/test/js/xrp-web-app.mjs}) opening the overview, the latest ledgers, the busiest ledger (also at a phone's
 * width), a search for a ledger hash, a transaction with issued-currency balance changes and an account holding issued
 * currencies. No page may log an error, fail a request or show an error box; each shows what the warehouse holds, as
 * this test reads it with its own SQL, XRP with exactly six decimals. Screenshots stay in
 * {@code target/web-screenshots/xrp/}.
 */
class XrpWebAppIT {
  private static final Path SCRIPT = Path.of("src/test/js/xrp-web-app.mjs");
  private static final Path SCREENSHOTS = Path.of("target", "web-screenshots", "xrp");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void theXrpPagesWorkInChromiumOverRecordedMainnetLedgers() throws Exception {
    TestingChromium chromium = TestingChromium.require("XrpWebAppIT");
    Path recorded = RealData.dir("xrp").resolve("ledgers/ripple+rippled-historical-database/test/mock/ledgers");
    Path links = Files.createDirectories(dir.resolve("ledgers"));
    for (long i = 11119612L; i <= 11119618L; i++) {
      Files.createSymbolicLink(links.resolve(i + ".json"), recorded.resolve(i + ".json"));
    }
    Path data = dir.resolve("data");
    Cli.Result imported = Cli.run(data, "import", "--chain", "xrp", "--ledgers", links.toString());
    assertThat(imported.exitCode()).as(imported.err()).isZero();

    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      long ledger = number(one(w, "SELECT ledger_index FROM xrp.ledgers ORDER BY tx_count DESC, ledger_index LIMIT 1"));
      String ledgerHash = (String) one(w, "SELECT ledger_hash FROM xrp.ledgers WHERE ledger_index = ?", ledger);
      String tx = (String) one(w, "SELECT hash FROM xrp.balance_changes WHERE value IS NOT NULL GROUP BY hash ORDER BY count(*) DESC, hash LIMIT 1");
      String account = (String) one(w, "SELECT account FROM xrp.balance_changes WHERE value IS NOT NULL GROUP BY account ORDER BY count(*) DESC, account LIMIT 1");
      JsonNode pages = browse(chromium, w, Map.of("chain", "xrp", "ledger", ledger, "ledgerHash", ledgerHash, "tx", tx, "account", account));

      assertThat(names(pages)).containsExactly("overview", "ledgers", "ledger", "ledger-phone", "search", "transaction", "account");
      for (String name : names(pages)) {
        WebAppIT.assertPageClean(name, pages.get(name));
      }
      assertThat(pages.at("/overview/status").asText()).startsWith("Tip 11,119,618 · " + one(w, "SELECT ledger_hash FROM xrp.ledgers WHERE ledger_index = 11119618").toString().substring(0, 10));
      assertThat(pages.at("/overview/rows").asInt()).isEqualTo(7);

      JsonNode ledgers = pages.get("ledgers");
      assertThat(ledgers.get("rows")).hasSize(7);
      assertThat(ledgers.at("/rows/0/0").asText()).isEqualTo("11,119,618");
      assertThat(ledgers.at("/facts/XRP in existence").asText())
          .isEqualTo(xrp(number(one(w, "SELECT total_coins FROM xrp.ledgers WHERE ledger_index = 11119618"))) + " XRP");
      assertThat(ledgers.at("/facts/fees burnt in the stored ledgers").asText()).isEqualTo(xrp(number(one(w, "SELECT sum(fees_burnt) FROM xrp.ledgers"))) + " XRP");

      for (String name : List.of("ledger", "ledger-phone")) {
        JsonNode page = pages.get(name);
        assertThat(page.get("title").asText()).isEqualTo(String.format(Locale.ROOT, "XRP ledger %,d", ledger));
        assertThat(page.at("/facts/hash").asText()).isEqualTo(ledgerHash);
        assertThat(page.at("/facts/fees burnt").asText()).isEqualTo(xrp(number(one(w, "SELECT fees_burnt FROM xrp.ledgers WHERE ledger_index = ?", ledger))) + " XRP");
      }
      JsonNode rows = pages.at("/ledger/rows");
      List<List<Object>> expected = w.query("SELECT hash, fee, result FROM xrp.transactions WHERE ledger_index = ? ORDER BY position", ledger).rows();
      assertThat(rows).as("the ledger's transactions listed").hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertThat(rows.get(i).get(6).asText()).isEqualTo(xrp(number(expected.get(i).get(1))));
        assertThat(rows.get(i).get(7).asText()).isEqualTo(expected.get(i).get(2));
      }

      assertThat(pages.at("/search/hash").asText()).as("a ledger hash searched for leads to its ledger").isEqualTo("#/block/xrp/" + ledgerHash);

      JsonNode t = pages.get("transaction");
      assertThat(t.get("id").asText()).isEqualTo(tx);
      assertThat(WebAppIT.texts(t.get("cards"))).contains("Balance changes", "Trust-line changes");
      List<String> shown = new ArrayList<>();
      t.get("balanceChanges").forEach(r -> shown.add(r.get(0).asText() + "|" + r.get(4).asText()));
      List<String> stored = new ArrayList<>();
      for (List<Object> b : w.query("SELECT account, currency, drops, value FROM xrp.balance_changes WHERE hash = ? ORDER BY account, kind, currency, issuer", tx).rows()) {
        stored.add(b.get(0) + "|" + (b.get(1).equals("XRP") ? xrp(number(b.get(2))) : b.get(3)));
      }
      assertThat(shown).as("balance changes, XRP to the drop, issued values as stored").isEqualTo(stored);

      JsonNode a = pages.get("account");
      long transactions = number(one(w, "SELECT count(*) FROM (SELECT ledger_index, position FROM xrp.transactions WHERE account = ? UNION"
          + " SELECT ledger_index, position FROM xrp.transactions WHERE destination = ? UNION SELECT ledger_index, position FROM xrp.balance_changes"
          + " WHERE account = ?) t", account, account, account));
      assertThat(a.at("/facts/transactions").asText()).isEqualTo(String.format(Locale.ROOT, "%,d", transactions));
      assertThat(a.get("history")).as("the account's transactions, loaded page by page").hasSize((int) transactions);
      assertThat(a.at("/facts/XRP balance change").asText())
          .isEqualTo(xrp(number(one(w, "SELECT coalesce(sum(drops), 0) FROM xrp.balance_changes WHERE account = ? AND kind = 'account'", account))) + " XRP");
      Map<String, BigDecimal> issued = new LinkedHashMap<>();
      a.get("issued").forEach(r -> issued.put(r.get(0).asText() + "/" + r.get(1).asText(), new BigDecimal(r.get(2).asText())));
      assertThat(issued).isNotEmpty();
      for (List<Object> r : w.query("SELECT currency, issuer, sum(CAST(value AS DECIMAL(38, 16))) FROM xrp.balance_changes WHERE account = ? AND value IS NOT NULL"
          + " GROUP BY currency, issuer", account).rows()) {
        assertThat(issued.get(r.get(0) + "/" + r.get(1))).as("%s/%s", r.get(0), r.get(1)).isEqualByComparingTo((BigDecimal) r.get(2));
      }
    }
  }

  /** Serves the warehouse on a free port while the script walks the pages; returns the pages' verdicts. */
  private JsonNode browse(TestingChromium chromium, DuckDbWarehouse warehouse, Map<String, Object> sample) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    JsonNode verdict;
    try (ApiServer server = new ApiServer(ServerConfig.fromSettings(Map.of("server.port", "0", "server.access-log", "false")), ApiKeys.load(dir),
        warehouse, ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), System.err)) {
      int port = server.start();
      Map<String, Object> config = new LinkedHashMap<>(sample);
      config.put("base", "http://127.0.0.1:" + port + "/");
      config.put("screenshots", SCREENSHOTS.toAbsolutePath().toString());
      config.put("chromium", TestingChromium.CHROMIUM.toString());
      verdict = chromium.run(SCRIPT, 300, JSON.writeValueAsString(config));
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(SCREENSHOTS.resolve("verdict.json").toFile(), verdict);
    return verdict.get("pages");
  }

  /** Drops as XRP with exactly six decimals, thousands grouped, as the app shows them. */
  static String xrp(long drops) {
    String sign = drops < 0 ? "-" : "";
    long abs = Math.abs(drops);
    return sign + String.format(Locale.ROOT, "%,d.%06d", abs / 1_000_000, abs % 1_000_000);
  }

  private static Object one(DuckDbWarehouse w, String sql, Object... parameters) {
    List<List<Object>> rows = w.query(sql, parameters).rows();
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0).get(0);
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static List<String> names(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
