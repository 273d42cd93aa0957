package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;

/**
 * The API over a real warehouse (a synthetic chain imported by the real importer, metrics computed): every endpoint's
 * answers checked against the warehouse's own SQL, and bad input of every kind answered with the right 4xx.
 */
class ApiServerTest {
  @TempDir static Path dir;
  static DuckDbWarehouse warehouse;
  static ApiServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  static final ChainStatus STATUS = new ChainStatus();

  @BeforeAll
  static void start() {
    warehouse = TestingWarehouse.bitcoin(dir, 6_000);
    // the address totals are refreshed by the tests themselves, not in the background
    server = newServer(Map.of("server.port", "0", "sql.timeout", "1500ms", "sql.max-rows", "500", "warehouse.address-totals", "false"));
    base = "http://127.0.0.1:" + server.start();
  }

  static ApiServer newServer(Map<String, String> settings) {
    return new ApiServer(
        ServerConfig.fromSettings(settings), ApiKeys.load(dir.resolve("no-keys")), warehouse, ChainFamilies.load(), MetricCatalog.load(),
        STATUS, new PrintStream(LOG, true, StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    server.close();
    warehouse.close();
  }

  record Answer(int status, JsonNode json, HttpResponse<String> raw) {}

  static Answer get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  static Answer post(String path, String body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build());
  }

  static Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") ? JSON.readTree(r.body()) : null;
    return new Answer(r.statusCode(), json, r);
  }

  static Object scalar(String sql, Object... params) {
    return warehouse.query(sql, params).rows().get(0).get(0);
  }

  static void assertError(Answer a, int status, String code, String messagePart) {
    assertThat(a.status()).as(a.raw().body()).isEqualTo(status);
    assertThat(a.json().path("error").path("code").asText()).isEqualTo(code);
    assertThat(a.json().path("error").path("message").asText()).contains(messagePart);
  }

  @Test
  void chainsListTheWarehouseCheckpoint() throws Exception {
    Answer a = get("/api/v1/chains");
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    JsonNode btc = a.json().path("chains").get(0);
    assertThat(btc.path("chain").asText()).isEqualTo("btc");
    assertThat(btc.path("family").asText()).isEqualTo("bitcoin");
    assertThat(btc.path("network").asText()).isEqualTo("synthetic");
    assertThat(btc.path("tip_height").asLong()).isEqualTo(((Number) scalar("SELECT max(height) FROM btc.blocks")).longValue());
    assertThat(btc.path("tip_hash").asText()).isEqualTo(scalar("SELECT hash FROM btc.blocks ORDER BY height DESC LIMIT 1"));
    assertError(get("/api/v1/chains/doge"), 404, "UNKNOWN_CHAIN", "no chain 'doge'");
    assertError(get("/api/v1/chains/DROP%20TABLE"), 400, "BAD_REQUEST", "is not a chain id");
  }

  @Test
  void aBlockByHeightAndByHashIsTheSameBlockWithItsTransactions() throws Exception {
    long height = ((Number) scalar("SELECT height FROM btc.blocks WHERE tx_count >= 4 ORDER BY height LIMIT 1")).longValue();
    Answer byHeight = get("/api/v1/chains/btc/blocks/" + height);
    assertThat(byHeight.status()).isEqualTo(200);
    String hash = byHeight.json().path("hash").asText();
    assertThat(hash).isEqualTo(scalar("SELECT hash FROM btc.blocks WHERE height = ?", height));
    Answer byHash = get("/api/v1/chains/btc/blocks/" + hash.toUpperCase(java.util.Locale.ROOT) + "?transactions=2");
    assertThat(byHash.json().path("height").asLong()).isEqualTo(height);
    assertThat(byHash.json().path("transactions")).hasSize(2);
    JsonNode all = byHeight.json().path("transactions");
    assertThat(all.size()).isEqualTo(((Number) scalar("SELECT tx_count FROM btc.blocks WHERE height = ?", height)).intValue());
    assertThat(all.get(0).path("position").asInt()).isZero();
    assertThat(all.get(1).path("txid").asText()).isEqualTo(scalar("SELECT txid FROM btc.transactions WHERE block_height = ? AND position = 1", height));

    assertError(get("/api/v1/chains/btc/blocks/99999999"), 404, "NOT_FOUND", "no block 99999999");
    assertError(get("/api/v1/chains/btc/blocks/xyz"), 400, "BAD_REQUEST", "64 hex digits");
    assertError(get("/api/v1/chains/btc/blocks/1'%20OR%20'1'='1"), 400, "BAD_REQUEST", "64 hex digits");
    assertError(get("/api/v1/chains/btc/blocks/1?transactions=100000"), 400, "BAD_REQUEST", "transactions must be between 0 and 1000");
    assertError(get("/api/v1/chains/btc/blocks/1?transactions=abc"), 400, "BAD_REQUEST", "whole number");
  }

  @Test
  void aTransactionShowsItsInputsWithResolvedValuesOutputsAndFee() throws Exception {
    List<Object> row =
        warehouse.query("SELECT txid, input_value, output_value, fee, input_count, output_count FROM btc.transactions"
            + " WHERE NOT is_coinbase AND input_count >= 2 ORDER BY tx_id LIMIT 1").rows().get(0);
    Answer a = get("/api/v1/chains/btc/transactions/" + row.get(0));
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    JsonNode tx = a.json();
    assertThat(tx.path("fee").asLong()).isEqualTo(((Number) row.get(3)).longValue());
    long inputs = 0;
    for (JsonNode in : tx.path("inputs")) {
      assertThat(in.path("value").isNumber()).isTrue();
      assertThat(in.path("spent_txid").asText()).hasSize(64);
      inputs += in.path("value").asLong();
    }
    assertThat(tx.path("inputs")).hasSize(((Number) row.get(4)).intValue());
    assertThat(inputs).isEqualTo(((Number) row.get(1)).longValue());
    long outputs = 0;
    for (JsonNode out : tx.path("outputs")) {
      outputs += out.path("value").asLong();
    }
    assertThat(tx.path("outputs")).hasSize(((Number) row.get(5)).intValue());
    assertThat(outputs).isEqualTo(((Number) row.get(2)).longValue());
    assertThat(inputs - outputs).isEqualTo(tx.path("fee").asLong());
    // the same inputs and outputs as the whole-chain views spell them out
    List<List<Object>> viewInputs = warehouse.query(
        "SELECT spent_txid, spent_vout, address, value, CAST(script_type AS VARCHAR) FROM btc.inputs WHERE txid = ? ORDER BY vin", row.get(0)).rows();
    for (int i = 0; i < viewInputs.size(); i++) {
      JsonNode in = tx.path("inputs").get(i);
      assertThat(in.path("spent_txid").asText()).isEqualTo(viewInputs.get(i).get(0));
      assertThat(in.path("spent_vout").asLong()).isEqualTo(((Number) viewInputs.get(i).get(1)).longValue());
      assertThat(in.path("address").isNull() ? null : in.path("address").asText()).isEqualTo(viewInputs.get(i).get(2));
      assertThat(in.path("script_type").asText()).isEqualTo(viewInputs.get(i).get(4));
    }
    List<List<Object>> viewOutputs = warehouse.query(
        "SELECT address, spent_txid, spent_vin, spent_block_height FROM btc.outputs WHERE txid = ? ORDER BY vout", row.get(0)).rows();
    int spent = 0;
    for (int i = 0; i < viewOutputs.size(); i++) {
      JsonNode out = tx.path("outputs").get(i);
      assertThat(out.path("address").isNull() ? null : out.path("address").asText()).isEqualTo(viewOutputs.get(i).get(0));
      assertThat(out.path("spent_txid").isNull() ? null : out.path("spent_txid").asText()).isEqualTo(viewOutputs.get(i).get(1));
      if (viewOutputs.get(i).get(1) != null) {
        spent++;
        assertThat(out.path("spent_vin").asLong()).isEqualTo(((Number) viewOutputs.get(i).get(2)).longValue());
        assertThat(out.path("spent_block_height").asLong()).isEqualTo(((Number) viewOutputs.get(i).get(3)).longValue());
      }
    }
    assertThat(spent).as("some outputs of an early transaction are spent").isPositive();
    assertThat(tx.path("confirmations").asLong()).isPositive();

    assertError(get("/api/v1/chains/btc/transactions/" + "0".repeat(64)), 404, "NOT_FOUND", "no transaction");
    assertError(get("/api/v1/chains/btc/transactions/abc"), 400, "BAD_REQUEST", "a txid must be 64 hex digits");
  }

  @Test
  void anAddressHistoryPagedByCursorIsEveryTransactionOfTheAddressOnceAndSumsToItsBalance() throws Exception {
    List<Object> busiest =
        warehouse.query("SELECT address, balance, tx_count, received, sent, first_seen, last_height FROM btc.addresses ORDER BY tx_count DESC, address LIMIT 1").rows().get(0);
    String address = (String) busiest.get(0);
    Answer a = get("/api/v1/chains/btc/addresses/" + address);
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    assertThat(a.json().path("balance").asLong()).isEqualTo(((Number) busiest.get(1)).longValue());
    assertThat(a.json().path("tx_count").asLong()).isEqualTo(((Number) busiest.get(2)).longValue());
    assertThat(a.json().path("received").asLong()).isEqualTo(((Number) busiest.get(3)).longValue());
    assertThat(a.json().path("sent").asLong()).isEqualTo(((Number) busiest.get(4)).longValue());
    assertThat(a.json().path("first_seen").asText()).isEqualTo(busiest.get(5).toString().replace(' ', 'T').replaceFirst("(T\\d\\d:\\d\\d)$", "$1:00") + "Z");
    assertThat(a.json().path("last_height").asLong()).isEqualTo(((Number) busiest.get(6)).longValue());
    assertThat(a.json().path("unspent_outputs").asLong())
        .isEqualTo(((Number) scalar("SELECT count(*) FROM btc.outputs WHERE address = ? AND spent_txid IS NULL", address)).longValue());
    JsonNode parties = get("/api/v1/chains/btc/addresses/" + address + "/counterparties").json().path("counterparties");
    assertThat(parties.path("paid_to").size() + parties.path("received_from").size()).isPositive();
    for (JsonNode p : parties.path("paid_to")) {
      assertThat(p.path("address").asText()).isNotEqualTo(address);
    }

    Set<String> seen = new HashSet<>();
    List<String> order = new ArrayList<>();
    BigInteger sum = BigInteger.ZERO;
    String cursor = null;
    int pages = 0;
    do {
      Answer page = get("/api/v1/chains/btc/addresses/" + address + "/history?limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
      for (JsonNode item : page.json().path("items")) {
        assertThat(seen.add(item.path("txid").asText())).as("each transaction once").isTrue();
        order.add(item.path("block_height").asText());
        sum = sum.add(BigInteger.valueOf(item.path("delta").asLong()));
        assertThat(item.path("delta").asLong()).isEqualTo(item.path("received").asLong() - item.path("sent").asLong());
      }
      cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 10_000);
    assertThat(seen).hasSize(((Number) busiest.get(2)).intValue());
    assertThat(pages).isGreaterThan(1);
    assertThat(sum).isEqualTo(BigInteger.valueOf(((Number) busiest.get(1)).longValue()));
    List<Long> heights = order.stream().map(Long::parseLong).toList();
    assertThat(heights).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    assertError(get("/api/v1/chains/btc/addresses/" + address + "/history?cursor=bm90LWEtY3Vyc29y"), 400, "BAD_REQUEST", "cursor");
    assertError(get("/api/v1/chains/btc/addresses/" + address + "/history?cursor=%00%00"), 400, "BAD_REQUEST", "cursor");
    assertError(get("/api/v1/chains/btc/addresses/" + address + "/history?limit=1000000"), 400, "BAD_REQUEST", "limit must be between 1 and 1000");
    assertError(get("/api/v1/chains/btc/addresses/1BoatSLRHtKNngkdXEeobR76b53LETtpyT"), 404, "NOT_FOUND", "no activity");
    assertError(get("/api/v1/chains/btc/addresses/'%3B%20DROP%20TABLE%20x%3B--"), 400, "BAD_REQUEST", "not an address");
  }

  @Test
  void theLatestBlocksArePagedNewestFirstDownToGenesis() throws Exception {
    long tip = ((Number) scalar("SELECT max(height) FROM btc.blocks")).longValue();
    List<Long> heights = new ArrayList<>();
    String cursor = null;
    do {
      Answer page = get("/api/v1/chains/btc/blocks?limit=400" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
      page.json().path("items").forEach(b -> heights.add(b.path("height").asLong()));
      cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asText();
    } while (cursor != null);
    assertThat(heights).hasSize((int) tip + 1);
    assertThat(heights.get(0)).isEqualTo(tip);
    assertThat(heights.get(heights.size() - 1)).isZero();
    assertThat(heights).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void savedQueriesAndDashboardsAreKeptInTheWarehouse() throws Exception {
    Answer created = post("/api/v1/saved-queries", "{\"name\": \"fees by day\", \"document\": {\"sql\": \"SELECT 1\", \"chart\": {\"type\": \"line\"}}}");
    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(scalar("SELECT name FROM main.bds_saved_queries WHERE id = ?", id)).isEqualTo("fees by day");
    assertThat(get("/api/v1/saved-queries/" + id).json().path("document").path("chart").path("type").asText()).isEqualTo("line");
    Answer replaced = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/saved-queries/" + id))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\": \"fees\", \"document\": {\"sql\": \"SELECT 2\"}}")).build());
    assertThat(replaced.json().path("name").asText()).isEqualTo("fees");
    assertThat(get("/api/v1/saved-queries").json().path("items").toString()).contains(id);
    Answer dash = post("/api/v1/dashboards", "{\"name\": \"ops\", \"document\": {\"tiles\": [{\"query\": \"" + id + "\"}], \"refresh_seconds\": 30}}");
    assertThat(dash.status()).isEqualTo(201);
    assertThat(get("/api/v1/dashboards/" + dash.json().path("id").asText()).json().path("document").path("tiles").get(0).path("query").asText()).isEqualTo(id);
    assertThat(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/saved-queries/" + id)).DELETE().build()).status()).isEqualTo(204);
    assertError(get("/api/v1/saved-queries/" + id), 404, "NOT_FOUND", "no saved item");
    assertError(get("/api/v1/saved-queries/..%2F..%2Fetc"), 400, "BAD_REQUEST", "12 hex digits");
    assertError(post("/api/v1/saved-queries", "{\"name\": \"\", \"document\": {}}"), 400, "BAD_REQUEST", "needs a name");
    assertError(post("/api/v1/saved-queries", "{\"name\": \"x\", \"document\": \"SELECT 1\"}"), 400, "BAD_REQUEST", "a JSON object");
    assertError(post("/api/v1/dashboards", "{\"name\": \"big\", \"document\": {\"x\": \"" + "a".repeat(300_000) + "\"}}"), 400, "BAD_REQUEST", "at most");
  }

  /** Every address's totals as the whole-chain view computes them: address → received, sent, tx_count, first, last. */
  private static Map<String, List<Object>> viewTotals() {
    Map<String, List<Object>> out = new java.util.HashMap<>();
    for (List<Object> r : warehouse.query("SELECT address, received, sent, tx_count, first_height, last_height FROM btc.addresses").rows()) {
      out.put((String) r.get(0), r.subList(1, r.size()).stream().map(v -> (Object) ((Number) v).longValue()).toList());
    }
    return out;
  }

  private static void summariesEqual(Map<String, List<Object>> expected, List<String> addresses) throws Exception {
    for (String address : addresses) {
      JsonNode a = get("/api/v1/chains/btc/addresses/" + address + "?probe=" + System.nanoTime()).json();
      assertThat(List.of(a.path("received").asLong(), a.path("sent").asLong(), a.path("tx_count").asLong(), a.path("first_height").asLong(),
              a.path("last_height").asLong()))
          .as(address)
          .isEqualTo(expected.get(address));
    }
  }

  @Test
  void addressTotalsKeptBlockByBlockEqualTheWholeChainAndAreRebuiltAfterAReorg() throws Exception {
    Map<String, List<Object>> expected = viewTotals();
    List<String> sample = warehouse.query("SELECT address FROM btc.addresses ORDER BY tx_count DESC, address LIMIT 40").rows().stream()
        .map(r -> (String) r.get(0)).collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    sample.addAll(warehouse.query("SELECT address FROM btc.address_dictionary USING SAMPLE 40 ROWS (reservoir, 3)").rows().stream().map(r -> (String) r.get(0)).toList());
    long tip = ((Number) scalar("SELECT max(height) FROM btc.blocks")).longValue();
    try {
      server.refreshAddressTotals();
      assertThat(scalar("SELECT height FROM btc.bds_address_totals_state")).isEqualTo(tip);
      assertThat(((Number) scalar("SELECT count(*) FROM btc.bds_address_totals")).longValue()).isEqualTo(expected.size());
      summariesEqual(expected, sample);

      // totals as of 300 blocks back (what a build then would have kept), then brought forward block range by block range
      long back = tip - 300;
      warehouse.executeAtomically(List.of(
          "DELETE FROM btc.bds_address_totals",
          "INSERT INTO btc.bds_address_totals WITH flows AS (SELECT address_id, tx_id, block_height, value AS received, 0 AS sent, 1 AS output"
              + " FROM btc.tx_outputs WHERE address_id IS NOT NULL AND block_height <= " + back + " UNION ALL SELECT address_id, tx_id, block_height, 0,"
              + " coalesce(value, 0), 0 FROM btc.tx_inputs WHERE address_id IS NOT NULL AND block_height <= " + back + ") SELECT address_id,"
              + " sum(received), sum(sent), sum(output), sum(1 - output), count(DISTINCT tx_id), min(block_height), max(block_height) FROM flows GROUP BY address_id",
          "DELETE FROM btc.bds_address_totals_state",
          "INSERT INTO btc.bds_address_totals_state SELECT height, hash FROM btc.blocks WHERE height = " + back));
      summariesEqual(expected, sample); // the rows since are added when read
      server.refreshAddressTotals();
      assertThat(scalar("SELECT height FROM btc.bds_address_totals_state")).isEqualTo(tip);
      assertThat(((Number) scalar("SELECT count(*) FROM btc.bds_address_totals")).longValue()).isEqualTo(expected.size());
      List<List<Object>> diff = warehouse.query(
          "SELECT d.address FROM btc.bds_address_totals t JOIN btc.address_dictionary d USING (address_id) JOIN btc.addresses a ON a.address = d.address"
              + " WHERE t.received <> a.received OR t.sent <> a.sent OR t.tx_count <> a.tx_count OR t.first_height <> a.first_height OR t.last_height <> a.last_height").rows();
      assertThat(diff).as("addresses whose kept totals differ from the whole chain's").isEmpty();

      // a reorg below the recorded block: the totals are not used, and the next refresh builds them again
      warehouse.executeAtomically(List.of("UPDATE btc.bds_address_totals_state SET hash = '" + "0".repeat(64) + "'",
          "UPDATE btc.bds_address_totals SET received = received + 1"));
      summariesEqual(expected, sample);
      server.refreshAddressTotals();
      assertThat(scalar("SELECT hash FROM btc.bds_address_totals_state")).isEqualTo(scalar("SELECT hash FROM btc.blocks WHERE height = ?", tip));
      summariesEqual(expected, sample);
    } finally {
      warehouse.executeAtomically(List.of("DROP TABLE IF EXISTS btc.bds_address_totals", "DROP TABLE IF EXISTS btc.bds_address_totals_state"));
    }
  }

  @Test
  void searchFindsHeightsHashesAndAddresses() throws Exception {
    String txid = (String) scalar("SELECT txid FROM btc.transactions WHERE tx_id = 10");
    Answer a = get("/api/v1/chains/btc/search?q=" + txid);
    assertThat(a.json().path("results").get(0).path("type").asText()).isEqualTo("transaction");
    Answer h = get("/api/v1/chains/btc/search?q=5");
    assertThat(h.json().path("results").get(0).path("type").asText()).isEqualTo("block");
    assertThat(get("/api/v1/chains/btc/search?q=nothing-like-this").json().path("results")).isEmpty();
    assertError(get("/api/v1/chains/btc/search"), 400, "BAD_REQUEST", "search needs q");
  }

  @Test
  void metricSeriesAreTheStoredDailyValuesAndTheirWeeklyAndMonthlyAggregates() throws Exception {
    Answer catalog = get("/api/v1/chains/btc/metrics");
    assertThat(catalog.json().path("metrics").size()).isGreaterThanOrEqualTo(100);
    Answer day = get("/api/v1/chains/btc/metrics/TxCnt");
    assertThat(day.status()).isEqualTo(200);
    JsonNode points = day.json().path("series").get(0).path("points");
    long days = ((Number) scalar("SELECT count(*) FROM btc.metrics WHERE metric = 'TxCnt'")).longValue();
    assertThat(points.size()).isEqualTo(days).isGreaterThan(7);
    long total = 0;
    for (JsonNode p : points) {
      assertThat(new java.math.BigDecimal(p.get(1).asText()))
          .isEqualByComparingTo(scalar("SELECT value FROM btc.metrics WHERE metric = 'TxCnt' AND day = CAST(? AS DATE)", p.get(0).asText()).toString());
      total += Long.parseLong(p.get(1).asText());
    }
    Answer week = get("/api/v1/chains/btc/metrics/TxCnt?interval=week");
    assertThat(week.json().path("aggregation").asText()).isEqualTo("sum");
    long weekly = 0;
    for (JsonNode p : week.json().path("series").get(0).path("points")) {
      weekly += Long.parseLong(p.get(1).asText());
    }
    assertThat(weekly).isEqualTo(total);
    Answer supply = get("/api/v1/chains/btc/metrics/SplyCur?interval=month");
    assertThat(supply.json().path("aggregation").asText()).isEqualTo("last");
    JsonNode lastMonth = supply.json().path("series").get(0).path("points");
    assertThat(lastMonth.get(lastMonth.size() - 1).get(1).asText())
        .isEqualTo(new java.math.BigDecimal(scalar("SELECT value FROM btc.metrics WHERE metric = 'SplyCur' ORDER BY day DESC LIMIT 1").toString())
            .stripTrailingZeros().toPlainString());
    String firstDay = points.get(1).get(0).asText();
    assertThat(get("/api/v1/chains/btc/metrics/TxCnt?from=" + firstDay + "&to=" + firstDay).json().path("series").get(0).path("points")).hasSize(1);

    assertError(get("/api/v1/chains/btc/metrics/NoSuchMetric"), 404, "UNKNOWN_METRIC", "NoSuchMetric");
    assertError(get("/api/v1/chains/btc/metrics/TxCnt?interval=decade"), 400, "BAD_REQUEST", "interval must be one of");
    assertError(get("/api/v1/chains/btc/metrics/TxCnt?from=yesterday"), 400, "BAD_REQUEST", "from must be a date");
    assertError(get("/api/v1/chains/btc/metrics/TxCnt?from=2026-02-01&to=2026-01-01"), 400, "BAD_REQUEST", "is after");
    assertError(get("/api/v1/chains/btc/metrics/TxCnt?interval=week&agg=median"), 400, "BAD_REQUEST", "agg must be one of");
  }

  @Test
  void sqlRunsReadOnlyQueriesAndRefusesEverythingElse() throws Exception {
    Answer a = post("/api/v1/sql", "{\"sql\": \"SELECT height, hash FROM btc.blocks ORDER BY height LIMIT 3\"}");
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    assertThat(a.json().path("columns").toString()).isEqualTo("[\"height\",\"hash\"]");
    assertThat(a.json().path("types").get(0).asText()).isEqualTo("BIGINT");
    assertThat(a.json().path("rows")).hasSize(3);
    assertThat(a.json().path("rows").get(2).get(1).asText()).isEqualTo(scalar("SELECT hash FROM btc.blocks WHERE height = 2"));
    assertThat(a.json().path("truncated").asBoolean()).isFalse();

    Answer cut = post("/api/v1/sql", "{\"sql\": \"SELECT * FROM range(100000)\"}");
    assertThat(cut.json().path("rows")).hasSize(500);
    assertThat(cut.json().path("truncated").asBoolean()).isTrue();
    assertThat(cut.json().path("truncated_by").asText()).isEqualTo("rows");

    for (String escape : List.of("COPY btc.blocks TO '/tmp/x.csv'", "SELECT * FROM read_csv('/etc/passwd')", "ATTACH '/tmp/x.duckdb'",
        "SET threads = 1", "INSTALL httpfs", "SELECT * FROM '/etc/passwd'", "DROP TABLE btc.blocks", "SELECT 1; DROP TABLE btc.blocks")) {
      Answer refused = post("/api/v1/sql", JSON.writeValueAsString(Map.of("sql", escape)));
      assertThat(refused.status()).as(escape).isEqualTo(403);
      assertThat(refused.json().path("error").path("code").asText()).isEqualTo("QUERY_REFUSED");
    }
    assertThat(scalar("SELECT count(*) FROM btc.blocks")).isNotNull();

    assertError(post("/api/v1/sql", "{\"sql\": "), 400, "BAD_REQUEST", "not valid JSON");
    assertError(post("/api/v1/sql", "[1, 2]"), 400, "BAD_REQUEST", "JSON object");
    assertError(post("/api/v1/sql", "{\"query\": \"SELECT 1\"}"), 400, "BAD_REQUEST", "{\"sql\"");
    assertError(post("/api/v1/sql", ""), 400, "BAD_REQUEST", "JSON body");
    assertError(post("/api/v1/sql", "{\"sql\": \"SELECT nope FROM btc.blocks\"}"), 400, "QUERY_FAILED", "nope");
    assertError(post("/api/v1/sql", "{\"sql\": \"SELEC 1\"}"), 400, "INVALID_ARGUMENT", "does not parse");
  }

  @Test
  void aResultDownloadsAsParquetWithItsTypesAndExactValues() throws Exception {
    HttpResponse<byte[]> r = HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/sql/parquet"))
            .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"SELECT height, hash, time, CAST(output_value AS HUGEINT) * 1000000000000 AS big, coinbase_data FROM btc.blocks ORDER BY height LIMIT 400\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(() -> new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.apache.parquet");
    Path file = dir.resolve("result.parquet");
    java.nio.file.Files.write(file, r.body());
    assertThat(new String(r.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.ResultSet rs = c.createStatement().executeQuery(
            "SELECT count(*), CAST(sum(big) AS VARCHAR), min(typeof(time)), min(typeof(big)), max(height) FROM read_parquet('" + file + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(400);
      assertThat(rs.getString(2)).isEqualTo(scalar("SELECT CAST(sum(CAST(output_value AS HUGEINT) * 1000000000000) AS VARCHAR) FROM btc.blocks WHERE height < 400"));
      assertThat(rs.getLong(5)).isEqualTo(399);
      assertThat(rs.getString(3)).isEqualTo("TIMESTAMP");
      assertThat(rs.getString(4)).isEqualTo("DECIMAL(38,0)");
    }
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sql/parquet"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"sql\": \"COPY btc.blocks TO 'x.parquet'\"}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aLongQueryIsCancelledAtItsTimeLimit() throws Exception {
    long t0 = System.nanoTime();
    Answer a = post("/api/v1/sql", "{\"sql\": \"SELECT count(*) FROM range(1000000000000) a WHERE a.range % 7 = 3\"}");
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertError(a, 408, "QUERY_TIMEOUT", "1500 ms");
    assertThat(ms).isLessThan(15_000);
    // the server answers normally afterwards
    assertThat(post("/api/v1/sql", "{\"sql\": \"SELECT 42 AS x\"}").json().path("rows").get(0).get(0).asInt()).isEqualTo(42);
  }

  @Test
  void aConditionQueryIsTranslatedToParameterizedSqlAndGivesTheSameRowsAsTheSqlItStandsFor() throws Exception {
    long fee = ((Number) scalar("SELECT CAST(median(fee) AS BIGINT) FROM btc.transactions WHERE NOT is_coinbase")).longValue();
    String q = "{\"chain\": \"btc\", \"table\": \"transactions\","
        + " \"filter\": {\"and\": [{\"column\": \"fee\", \"op\": \">\", \"value\": " + fee + "},"
        + "   {\"column\": \"is_coinbase\", \"op\": \"=\", \"value\": false},"
        + "   {\"or\": [{\"column\": \"input_count\", \"op\": \">=\", \"value\": 1}, {\"column\": \"txid\", \"op\": \"like\", \"value\": \"00%\"}]}]},"
        + " \"group_by\": [{\"column\": \"time\", \"bucket\": \"day\"}],"
        + " \"aggregates\": [{\"fn\": \"sum\", \"column\": \"output_value\", \"as\": \"value\"}, {\"fn\": \"count\", \"as\": \"txs\"}],"
        + " \"order_by\": [{\"column\": \"time_day\", \"direction\": \"asc\"}]}";
    Answer a = post("/api/v1/query", q);
    assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    assertThat(a.json().path("sql").asText()).contains("WHERE").contains("?").doesNotContain(Long.toString(fee));
    List<List<Object>> expected =
        warehouse.query(
            "SELECT date_trunc('day', time) AS d, sum(output_value), count(*) FROM btc.transactions WHERE fee > ? AND NOT is_coinbase"
                + " AND (input_count >= 1 OR txid LIKE '00%') GROUP BY d ORDER BY d", fee).rows();
    JsonNode rows = a.json().path("rows");
    assertThat(rows.size()).isEqualTo(expected.size()).isGreaterThan(7);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(rows.get(i).get(1).asText()).isEqualTo(expected.get(i).get(1).toString());
      assertThat(rows.get(i).get(2).asLong()).isEqualTo(((Number) expected.get(i).get(2)).longValue());
    }
    Answer shown = post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"select\": [\"height\"], \"run\": false}");
    assertThat(shown.json().has("rows")).isFalse();
    assertThat(shown.json().path("sql").asText()).isEqualTo("SELECT \"height\" FROM btc.\"blocks\" LIMIT 500");

    // injection strings are names that do not exist, or values bound as parameters
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks; DROP TABLE btc.blocks\"}"), 400, "BAD_REQUEST", "no table or view");
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"select\": [\"height\\\" FROM btc.blocks; --\"]}"), 400, "BAD_REQUEST", "has no column");
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"filter\": {\"column\": \"height\", \"op\": \"=\", \"value\": \"1 OR 1=1\"}}"), 400, "BAD_REQUEST", "whole number");
    Answer quoted = post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"filter\": {\"column\": \"hash\", \"op\": \"=\", \"value\": \"x' OR '1'='1\"}}");
    assertThat(quoted.status()).isEqualTo(200);
    assertThat(quoted.json().path("rows")).isEmpty();
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"filter\": {\"column\": \"height\", \"op\": \"; DELETE\", \"value\": 1}}"), 400, "BAD_REQUEST", "op must be one of");
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"aggregates\": [{\"fn\": \"pg_sleep\", \"column\": \"height\"}]}"), 400, "BAD_REQUEST", "fn must be one of");
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"group_by\": [{\"column\": \"hash\", \"bucket\": \"day\"}]}"), 400, "BAD_REQUEST", "only a time column");
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"limit\": -1}"), 400, "BAD_REQUEST", "limit");
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"where\": \"1=1\"}"), 400, "BAD_REQUEST", "has no field 'where'");
    assertError(post("/api/v1/query", "{\"table\": \"blocks\"}"), 400, "BAD_REQUEST", "names its chain");
    assertError(post("/api/v1/query", "{\"chain\": \"zzz\", \"table\": \"blocks\"}"), 404, "UNKNOWN_CHAIN", "zzz");
    String deep = "{\"not\": ".repeat(20) + "{\"column\": \"height\", \"op\": \"is_null\"}" + "}".repeat(20);
    assertError(post("/api/v1/query", "{\"chain\": \"btc\", \"table\": \"blocks\", \"filter\": " + deep + "}"), 400, "BAD_REQUEST", "nest at most");
    assertThat(((Number) scalar("SELECT count(*) FROM btc.blocks")).longValue()).isPositive();
  }

  @Test
  void unknownRoutesAndMethodsAnswerWithTheErrorShape() throws Exception {
    assertError(get("/api/v1/nothing"), 404, "NOT_FOUND", "no route GET /api/v1/nothing");
    assertError(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/chains")).DELETE().build()), 404, "NOT_FOUND", "no route DELETE");
    assertThat(get("/health").json().path("status").asText()).isEqualTo("ok");
    assertThat(get("/ready").json().path("status").asText()).isEqualTo("ready");
  }

  @Test
  void cachedAnswersFollowTheTipSoAChangedChainIsNeverServedStale() throws Exception {
    Answer first = get("/api/v1/chains/btc/metrics/BlkCnt");
    Answer again = get("/api/v1/chains/btc/metrics/BlkCnt");
    assertThat(again.raw().body()).isEqualTo(first.raw().body());
    String metricsText = get("/metrics").raw().body();
    assertThat(metricsText).containsPattern("bds_cache_requests_total\\{result=\"hit\"} [1-9]");
    String day = first.json().path("series").get(0).path("points").get(0).get(0).asText();
    Object tipHash = scalar("SELECT tip_hash FROM main.bds_chains WHERE chain = 'btc'");
    try {
      // a changed tip (as after a new block or a rollback) with a changed value: the next answer is read again
      warehouse.executeAtomically(List.of(
          "UPDATE btc.metrics SET value = value + 1000 WHERE metric = 'BlkCnt' AND day = DATE '" + day + "'",
          "UPDATE main.bds_chains SET tip_hash = 'f" + "0".repeat(63) + "' WHERE chain = 'btc'"));
      Answer after = get("/api/v1/chains/btc/metrics/BlkCnt");
      long before = Long.parseLong(first.json().path("series").get(0).path("points").get(0).get(1).asText());
      assertThat(Long.parseLong(after.json().path("series").get(0).path("points").get(0).get(1).asText())).isEqualTo(before + 1000);
    } finally {
      warehouse.executeAtomically(List.of(
          "UPDATE btc.metrics SET value = value - 1000 WHERE metric = 'BlkCnt' AND day = DATE '" + day + "'",
          "UPDATE main.bds_chains SET tip_hash = '" + tipHash + "' WHERE chain = 'btc'"));
    }
  }

  @Test
  void aSyncInTheSameProcessShowsTheNodesTipTheLagAndItsReorgs() throws Exception {
    long tip = ((Number) scalar("SELECT max(height) FROM btc.blocks")).longValue();
    org.openbds.core.SyncListener listener = STATUS.listener("btc");
    listener.caughtUp(new org.openbds.api.BlockRef(tip, org.openbds.api.Hash32.ZERO), tip + 5);
    listener.reorg(new org.openbds.api.BlockRef(tip, org.openbds.api.Hash32.ZERO), new org.openbds.api.BlockRef(tip - 2, org.openbds.api.Hash32.ZERO));
    STATUS.error("btc", "node went away");
    JsonNode btc = get("/api/v1/chains/btc").json();
    assertThat(btc.path("syncing").asBoolean()).isTrue();
    assertThat(btc.path("node_tip_height").asLong()).isEqualTo(tip + 5);
    assertThat(btc.path("lag_blocks").asLong()).isEqualTo(5);
    String text = get("/metrics").raw().body();
    assertThat(text).contains("bds_chain_node_tip_height{chain=\"btc\"} " + (tip + 5));
    assertThat(text).contains("bds_chain_lag_blocks{chain=\"btc\"} 5");
    assertThat(text).contains("bds_chain_reorgs_total{chain=\"btc\"} 1");
    assertThat(text).contains("bds_chain_errors_total{chain=\"btc\"} 1");
  }

  @Test
  void prometheusMetricsCountRequestsByRouteAndShowEveryChainsTip() throws Exception {
    get("/api/v1/chains/btc/blocks/3");
    String text = get("/metrics").raw().body();
    assertThat(text).contains("# TYPE bds_http_requests_total counter");
    assertThat(text).containsPattern("bds_http_requests_total\\{method=\"GET\",route=\"/api/v1/chains/\\{chain}/blocks/\\{id}\",status=\"200\"} [1-9]");
    assertThat(text).contains("bds_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/chains/{chain}/blocks/{id}\",le=\"+Inf\"}");
    assertThat(text).contains("bds_chain_tip_height{chain=\"btc\"} " + scalar("SELECT max(height) FROM btc.blocks"));
    String log = LOG.toString(StandardCharsets.UTF_8);
    JsonNode line = JSON.readTree(log.lines().filter(l -> l.contains("/blocks/3")).findFirst().orElseThrow());
    assertThat(line.path("status").asInt()).isEqualTo(200);
    assertThat(line.path("method").asText()).isEqualTo("GET");
  }
}
