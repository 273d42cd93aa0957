package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;

/**
 * The explorer over the XRP Ledger: seven recorded mainnet ledgers imported by the real importer, every answer
 * checked against the warehouse's own SQL, drops as strings of their exact digits — ledgers newest first and by index or hash, a ledger's transactions page by
 * page, every transaction's balance changes (whose XRP, with the fee, sums to zero), accounts' totals and histories,
 * the search — and bad input of every kind answered with a 400 naming what is wrong.
 */
class XrpApiTest {
  @TempDir static Path dir;
  static DuckDbWarehouse warehouse;
  static ApiServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    warehouse = DuckDbWarehouse.open(dir.resolve("data"));
    TestingWarehouse.importXrp(warehouse, dir);
    server = new ApiServer(
        ServerConfig.fromSettings(Map.of("server.port", "0", "server.access-log", "false")), ApiKeys.load(dir.resolve("no-keys")), warehouse,
        ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    base = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (warehouse != null) {
      warehouse.close();
    }
  }

  record Answer(int status, JsonNode json, String body) {}

  static Answer get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()), r.body());
  }

  static JsonNode ok(String path) throws Exception {
    Answer a = get(path);
    assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(200);
    return a.json();
  }

  static void assertError(String path, int status, String code, String messagePart) throws Exception {
    Answer a = get(path);
    assertThat(a.status()).as(path + ": " + a.body()).isEqualTo(status);
    assertThat(a.json().at("/error/code").asText()).isEqualTo(code);
    assertThat(a.json().at("/error/message").asText()).contains(messagePart);
  }

  static List<List<Object>> rows(String sql, Object... parameters) {
    return warehouse.query(sql, parameters).rows();
  }

  static Object scalar(String sql, Object... parameters) {
    return rows(sql, parameters).get(0).get(0);
  }

  static long number(Object value) {
    return ((Number) value).longValue();
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void theChainSummarisesItsStoredRange() throws Exception {
    JsonNode chain = ok("/api/v1/chains/xrp");
    assertThat(chain.path("family").asText()).isEqualTo("xrp");
    assertThat(chain.path("network").asText()).isEqualTo("mainnet");
    assertThat(chain.path("tip_height").asLong()).isEqualTo(TestingWarehouse.XRP_LAST);
    assertThat(chain.path("tip_hash").asText()).isEqualTo(scalar("SELECT ledger_hash FROM xrp.ledgers WHERE ledger_index = ?", TestingWarehouse.XRP_LAST));
    JsonNode summary = chain.path("summary");
    assertThat(summary.path("first_ledger").asLong()).isEqualTo(TestingWarehouse.XRP_FIRST);
    assertThat(summary.path("last_ledger").asLong()).isEqualTo(TestingWarehouse.XRP_LAST);
    // 10^17 drops exceed what a double holds exactly: drops are strings of their digits
    assertThat(summary.path("total_coins").isTextual()).isTrue();
    assertThat(summary.path("total_coins").asLong()).isEqualTo(number(scalar("SELECT total_coins FROM xrp.ledgers WHERE ledger_index = ?", TestingWarehouse.XRP_LAST)));
    // the coins fall by exactly the fees burnt, so the range's burnt fees follow from its two ends
    assertThat(summary.path("fees_burnt").asLong()).isEqualTo(number(scalar("SELECT sum(fees_burnt) FROM xrp.ledgers"))).isPositive();
  }

  @Test
  void theChainsMetricCatalogIsTheXrpLedgers() throws Exception {
    JsonNode catalog = ok("/api/v1/chains/xrp/metrics");
    assertThat(catalog.path("family").asText()).isEqualTo("xrp");
    List<String> ids = new ArrayList<>();
    catalog.path("metrics").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).contains("TxCnt", "FeeTotNtv", "AdrActCnt", "SplyCur", "TxTfrValNtv").hasSizeGreaterThanOrEqualTo(40);
    assertError("/api/v1/chains/xrp/metrics/NoSuchMetric", 404, "UNKNOWN_METRIC", "no xrp metric 'NoSuchMetric'");
  }

  @Test
  void theLatestLedgersArePagedNewestFirst() throws Exception {
    List<Long> seen = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    do {
      JsonNode page = ok("/api/v1/chains/xrp/blocks?limit=3" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
      for (JsonNode l : page.path("items")) {
        seen.add(l.path("height").asLong());
        List<Object> row = rows("SELECT ledger_hash, tx_count, fees_burnt, total_coins FROM xrp.ledgers WHERE ledger_index = ?", l.path("height").asLong()).get(0);
        assertThat(l.path("hash").asText()).isEqualTo(row.get(0));
        assertThat(l.path("tx_count").asLong()).isEqualTo(number(row.get(1)));
        assertThat(l.path("fees_burnt").asLong()).isEqualTo(number(row.get(2)));
        assertThat(l.path("total_coins").asLong()).isEqualTo(number(row.get(3)));
        assertThat(l.path("time").asText()).endsWith("Z");
      }
      cursor = page.path("next_cursor").isNull() ? "" : page.path("next_cursor").asText();
      pages++;
    } while (!cursor.isEmpty());
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(11119618L, 11119617L, 11119616L, 11119615L, 11119614L, 11119613L, 11119612L);
  }

  @Test
  void aLedgerByIndexAndByHashIsTheSameLedgerWithItsTransactionsPageByPage() throws Exception {
    long index = number(scalar("SELECT ledger_index FROM xrp.ledgers ORDER BY tx_count DESC, ledger_index LIMIT 1"));
    JsonNode byIndex = ok("/api/v1/chains/xrp/blocks/" + index + "?transactions=5");
    String hash = byIndex.path("ledger_hash").asText();
    assertThat(hash).isEqualTo(scalar("SELECT ledger_hash FROM xrp.ledgers WHERE ledger_index = ?", index)).matches("[0-9A-F]{64}");
    assertThat(byIndex.path("parent_hash").asText()).isEqualTo(scalar("SELECT ledger_hash FROM xrp.ledgers WHERE ledger_index = ?", index - 1));
    JsonNode byHash = ok("/api/v1/chains/xrp/blocks/" + hash.toLowerCase(Locale.ROOT) + "?transactions=5");
    assertThat(byHash).isEqualTo(byIndex);
    long count = byIndex.path("tx_count").asLong();
    assertThat(count).isEqualTo(23);
    assertThat(byIndex.path("transactions")).hasSize(5);

    List<Object> expected = new ArrayList<>();
    rows("SELECT hash FROM xrp.transactions WHERE ledger_index = ? ORDER BY position", index).forEach(r -> expected.add(r.get(0)));
    List<Object> listed = new ArrayList<>();
    byIndex.path("transactions").forEach(t -> listed.add(t.path("hash").asText()));
    String cursor = byIndex.path("transactions_next_cursor").asText();
    while (true) {
      JsonNode page = ok("/api/v1/chains/xrp/blocks/" + hash + "/transactions?limit=7&cursor=" + cursor);
      page.path("items").forEach(t -> listed.add(t.path("hash").asText()));
      if (page.path("next_cursor").isNull()) {
        break;
      }
      cursor = page.path("next_cursor").asText();
    }
    assertThat(listed).isEqualTo(expected).hasSize((int) count);
    JsonNode all = ok("/api/v1/chains/xrp/blocks/" + index + "/transactions?limit=1000");
    assertThat(all.path("items")).hasSize((int) count);
    assertThat(all.path("next_cursor").isNull()).isTrue();
    JsonNode first = all.path("items").get(0);
    assertThat(first.path("position").asInt()).isZero();
    assertThat(first.path("fee").asText()).matches("[0-9]+");

    String otherLedgersCursor = ok("/api/v1/chains/xrp/blocks/" + (index == 11119612L ? 11119613L : 11119612L) + "?transactions=1").path("transactions_next_cursor").asText();
    assertError("/api/v1/chains/xrp/blocks/" + index + "/transactions?cursor=" + otherLedgersCursor, 400, "BAD_REQUEST", "another ledger");
    assertError("/api/v1/chains/xrp/blocks/99999999", 404, "NOT_FOUND", "no block 99999999");
    assertError("/api/v1/chains/xrp/blocks/99999999/transactions", 404, "NOT_FOUND", "no block 99999999");
    assertError("/api/v1/chains/xrp/blocks/" + "0".repeat(64), 404, "NOT_FOUND", "no block");
  }

  @Test
  void everyTransactionsBalanceChangesAreTheWarehouseRowsAndItsXrpSumsWithTheFeeToZero() throws Exception {
    List<List<Object>> transactions = rows("SELECT hash, ledger_index, position, fee, family FROM xrp.transactions ORDER BY ledger_index, position");
    assertThat(transactions).hasSize(92);
    int withDetail = 0;
    for (List<Object> t : transactions) {
      String hash = (String) t.get(0);
      JsonNode tx = ok("/api/v1/chains/xrp/transactions/" + hash.toLowerCase(Locale.ROOT));
      assertThat(tx.path("hash").asText()).isEqualTo(hash);
      assertThat(tx.path("ledger_index").asLong()).isEqualTo(number(t.get(1)));
      assertThat(tx.path("ledger_hash").asText()).isEqualTo(scalar("SELECT ledger_hash FROM xrp.ledgers WHERE ledger_index = ?", t.get(1)));
      // the raw JSON is the transaction as the node printed it: these 2015 answers are API v1, metadata under metaData
      assertThat(tx.at("/raw_json/TransactionType").asText()).isEqualTo(tx.path("type").asText());
      assertThat(tx.at("/raw_json/hash").asText()).isEqualTo(hash);
      assertThat(tx.at("/raw_json/metaData/TransactionResult").asText()).isEqualTo(tx.path("result").asText());
      List<String> expected = new ArrayList<>();
      for (List<Object> b : rows("SELECT account, CAST(kind AS VARCHAR), currency, issuer, drops, value FROM xrp.balance_changes"
          + " WHERE ledger_index = ? AND position = ? ORDER BY account, kind, currency, issuer", t.get(1), t.get(2))) {
        expected.add(b.get(0) + "|" + b.get(1) + "|" + b.get(2) + "|" + b.get(3) + "|" + b.get(4) + "|" + b.get(5));
      }
      List<String> shown = new ArrayList<>();
      long drops = 0;
      for (JsonNode b : tx.path("balance_changes")) {
        shown.add(b.path("account").asText() + "|" + b.path("kind").asText() + "|" + b.path("currency").asText() + "|" + text(b.path("issuer"))
            + "|" + text(b.path("drops")) + "|" + text(b.path("value")));
        if (!b.path("drops").isNull()) {
          assertThat(b.path("drops").asText()).matches("-?[0-9]+");
          drops += b.path("drops").asLong();
        }
      }
      assertThat(shown).as("balance changes of %s", hash).isEqualTo(expected);
      // every drop the transaction moved landed somewhere, but the fee, which was burnt
      assertThat(drops + tx.path("fee").asLong()).as("XRP changes plus fee of %s", hash).isZero();
      assertThat(tx.path("offer_changes").size()).isEqualTo(number(scalar("SELECT count(*) FROM xrp.offer_changes WHERE ledger_index = ? AND position = ?", t.get(1), t.get(2))));
      assertThat(tx.path("trust_line_changes").size())
          .isEqualTo(number(scalar("SELECT count(*) FROM xrp.trust_line_changes WHERE ledger_index = ? AND position = ?", t.get(1), t.get(2))));
      if (!tx.path("detail").isNull()) {
        withDetail++;
        assertThat(tx.path("detail").path("row").has("ledger_index")).isFalse();
      }
    }
    assertThat(withDetail).as("transactions with a detail-table row").isEqualTo(92);

    String payment = (String) scalar("SELECT hash FROM xrp.payments p WHERE amount_drops IS NOT NULL ORDER BY ledger_index, position LIMIT 1");
    JsonNode tx = ok("/api/v1/chains/xrp/transactions/" + payment);
    assertThat(tx.path("type").asText()).isEqualTo("Payment");
    assertThat(tx.at("/detail/table").asText()).isEqualTo("payments");
    assertThat(tx.at("/detail/row/amount_drops").asLong()).isEqualTo(number(scalar("SELECT amount_drops FROM xrp.payments WHERE hash = ?", payment)));
    String offer = (String) scalar("SELECT hash FROM xrp.offer_changes ORDER BY ledger_index, position LIMIT 1");
    JsonNode withOffers = ok("/api/v1/chains/xrp/transactions/" + offer);
    assertThat(withOffers.path("offer_changes").size()).isPositive();
    assertThat(withOffers.at("/detail/table").asText()).isEqualTo("offers");
  }

  @Test
  void anAccountsTotalsAreTheSqlSumsAndItsHistoryIsEachOfItsTransactionsOnce() throws Exception {
    // the account in most transactions, and one holding issued currencies
    String busiest = (String) scalar("SELECT account FROM xrp.balance_changes GROUP BY account ORDER BY count(DISTINCT hash) DESC, account LIMIT 1");
    String issuedHolder = (String) scalar("SELECT account FROM xrp.balance_changes WHERE value IS NOT NULL GROUP BY account ORDER BY count(*) DESC, account LIMIT 1");
    for (String account : List.of(busiest, issuedHolder)) {
      JsonNode a = ok("/api/v1/chains/xrp/addresses/" + account);
      String involving = "SELECT ledger_index, position FROM xrp.transactions WHERE account = ? UNION SELECT ledger_index, position FROM xrp.transactions"
          + " WHERE destination = ? UNION SELECT ledger_index, position FROM xrp.balance_changes WHERE account = ?";
      List<Object> seen = rows("SELECT count(*), min(ledger_index), max(ledger_index) FROM (" + involving + ") t", account, account, account).get(0);
      assertThat(a.path("transactions").asLong()).isEqualTo(number(seen.get(0))).isPositive();
      assertThat(a.path("first_ledger").asLong()).isEqualTo(number(seen.get(1)));
      assertThat(a.path("last_ledger").asLong()).isEqualTo(number(seen.get(2)));
      assertThat(a.path("sent").asLong()).isEqualTo(number(scalar("SELECT count(*) FROM xrp.transactions WHERE account = ?", account)));
      assertThat(a.path("xrp_change").asText()).matches("-?[0-9]+");
      assertThat(a.path("xrp_change").asLong())
          .isEqualTo(number(scalar("SELECT coalesce(sum(drops), 0) FROM xrp.balance_changes WHERE account = ? AND kind = 'account'", account)));
      // issued currencies summed by the database in exact decimals wide enough for these ledgers' values
      Map<String, BigDecimal> expected = new TreeMap<>();
      for (List<Object> r : rows("SELECT currency || '/' || coalesce(issuer, ''), sum(CAST(value AS DECIMAL(38, 16))) FROM xrp.balance_changes"
          + " WHERE account = ? AND value IS NOT NULL GROUP BY 1", account)) {
        expected.put((String) r.get(0), ((BigDecimal) r.get(1)).stripTrailingZeros());
      }
      Map<String, BigDecimal> shown = new TreeMap<>();
      for (JsonNode i : a.path("issued")) {
        assertThat(i.path("change").isTextual()).isTrue();
        shown.put(i.path("currency").asText() + "/" + text(i.path("issuer")).replace("null", ""), new BigDecimal(i.path("change").asText()).stripTrailingZeros());
      }
      assertThat(shown).as("issued-currency totals of %s", account).isEqualTo(expected);

      // the history, page by page: every transaction once, newest first, summing to the XRP total
      List<String> listed = new ArrayList<>();
      long xrp = 0;
      String cursor = "";
      do {
        JsonNode page = ok("/api/v1/chains/xrp/addresses/" + account + "/history?limit=4" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
        for (JsonNode t : page.path("items")) {
          listed.add(t.path("ledger_index").asLong() + ":" + t.path("position").asInt());
          xrp += t.path("xrp_change").asLong();
          String direction = t.path("account").asText().equals(account) ? "sent" : t.path("destination").asText().equals(account) ? "received" : "other";
          assertThat(t.path("direction").asText()).isEqualTo(direction);
        }
        cursor = page.path("next_cursor").isNull() ? "" : page.path("next_cursor").asText();
      } while (!cursor.isEmpty());
      List<String> expectedHistory = new ArrayList<>();
      rows("SELECT CAST(ledger_index AS VARCHAR) || ':' || CAST(position AS VARCHAR) FROM (" + involving + ") t ORDER BY ledger_index DESC, position DESC",
          account, account, account).forEach(r -> expectedHistory.add((String) r.get(0)));
      assertThat(listed).isEqualTo(expectedHistory);
      assertThat(xrp).isEqualTo(a.path("xrp_change").asLong());
      assertThat(ok("/api/v1/chains/xrp/addresses/" + account + "/counterparties").path("counterparties").isArray()).isTrue();
    }
    assertThat(ok("/api/v1/chains/xrp/addresses/" + issuedHolder).path("issued").size()).isPositive();
    assertError("/api/v1/chains/xrp/addresses/rrrrrrrrrrrrrrrrrrrrrhoLvTp", 404, "NOT_FOUND", "no activity");
  }

  @Test
  void searchFindsLedgersTransactionsAndAccounts() throws Exception {
    String ledgerHash = (String) scalar("SELECT ledger_hash FROM xrp.ledgers WHERE ledger_index = 11119615");
    String txHash = (String) scalar("SELECT hash FROM xrp.transactions ORDER BY ledger_index DESC, position LIMIT 1");
    String account = (String) scalar("SELECT account FROM xrp.transactions ORDER BY ledger_index, position LIMIT 1");
    assertThat(ok("/api/v1/chains/xrp/search?q=11119615").path("results").toString()).isEqualTo("[{\"type\":\"block\",\"id\":\"11119615\"}]");
    assertThat(ok("/api/v1/chains/xrp/search?q=" + ledgerHash.toLowerCase(Locale.ROOT)).path("results").toString())
        .isEqualTo("[{\"type\":\"block\",\"id\":\"" + ledgerHash + "\"}]");
    assertThat(ok("/api/v1/chains/xrp/search?q=" + txHash).path("results").toString()).isEqualTo("[{\"type\":\"transaction\",\"id\":\"" + txHash + "\"}]");
    assertThat(ok("/api/v1/chains/xrp/search?q=%20" + account + "%20").path("results").toString()).isEqualTo("[{\"type\":\"address\",\"id\":\"" + account + "\"}]");
    assertThat(ok("/api/v1/chains/xrp/search?q=42").path("results").size()).isZero();
    assertThat(ok("/api/v1/chains/xrp/search?q=" + q("' OR 1=1 --")).path("results").size()).isZero();
  }

  @Test
  void badInputIsA400NamingWhatIsWrong() throws Exception {
    assertError("/api/v1/chains/xrp/blocks/xyz", 400, "BAD_REQUEST", "a ledger id must be 64 hex digits");
    assertError("/api/v1/chains/xrp/blocks/" + q("1' OR '1'='1"), 400, "BAD_REQUEST", "64 hex digits");
    assertError("/api/v1/chains/xrp/blocks/" + "G".repeat(64), 400, "BAD_REQUEST", "64 hex digits");
    assertError("/api/v1/chains/xrp/blocks/11119612?transactions=100000", 400, "BAD_REQUEST", "transactions must be between 0 and 1000");
    assertError("/api/v1/chains/xrp/blocks/11119612/transactions?limit=0", 400, "BAD_REQUEST", "limit must be between 1 and 1000");
    assertError("/api/v1/chains/xrp/blocks/11119612/transactions?cursor=" + q("'; DROP TABLE xrp.ledgers; --"), 400, "BAD_REQUEST", "cursor is not one this API made");
    assertError("/api/v1/chains/xrp/blocks?limit=99999999999", 400, "BAD_REQUEST", "limit must be a whole number");
    assertError("/api/v1/chains/xrp/transactions/abc", 400, "BAD_REQUEST", "a transaction hash must be 64 hex digits");
    assertError("/api/v1/chains/xrp/transactions/0x" + "a".repeat(64), 400, "BAD_REQUEST", "64 hex digits");
    assertError("/api/v1/chains/xrp/transactions/" + q("'; DROP TABLE xrp.transactions; --"), 400, "BAD_REQUEST", "64 hex digits");
    assertError("/api/v1/chains/xrp/transactions/" + "A".repeat(64), 404, "NOT_FOUND", "no transaction");
    assertError("/api/v1/chains/xrp/addresses/0x" + "1".repeat(40), 400, "BAD_REQUEST", "an account of this chain is an r-address");
    assertError("/api/v1/chains/xrp/addresses/" + q("r' OR '1'='1"), 400, "BAD_REQUEST", "r-address");
    assertError("/api/v1/chains/xrp/addresses/r0OIl0OIl0OIl0OIl0OIl0OIl0", 400, "BAD_REQUEST", "r-address");
    assertError("/api/v1/chains/xrp/addresses/rrrrrrrrrrrrrrrrrrrrrhoLvTp/history?limit=5000", 400, "BAD_REQUEST", "limit must be between 1 and 1000");
    assertError("/api/v1/chains/xrp/addresses/rrrrrrrrrrrrrrrrrrrrrhoLvTp/history?cursor=bm90LWEtY3Vyc29y", 400, "BAD_REQUEST", "cursor is not one this API made");
    assertError("/api/v1/chains/xrp/search?q=" + "9".repeat(300), 400, "BAD_REQUEST", "at most 200 characters");
    assertThat(number(scalar("SELECT count(*) FROM xrp.transactions"))).as("nothing was dropped").isEqualTo(92);
  }

  private static String text(JsonNode n) {
    return n.isNull() || n.isMissingNode() ? "null" : n.asText();
  }
}
