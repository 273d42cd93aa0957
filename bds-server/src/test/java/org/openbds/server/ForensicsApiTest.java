package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.ChainId;
import org.openbds.api.Software;
import org.openbds.core.ChainFamilies;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.forensics.Investigations;
import org.openbds.forensics.address.AddressProfile;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.labels.LabelStore;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.metrics.MetricCatalog;

/**
 * The forensics routes over a real warehouse (a synthetic chain imported by the real importer, clustered, with a
 * label): each answer is what {@link Investigations} — what the CLI runs — gives on the same warehouse, every bad
 * parameter is a 400 naming it, traces are bounded in transactions and time, roles hold, and cases are kept.
 */
class ForensicsApiTest {
  static final ChainId BTC = new ChainId("btc");
  static final int MAX_TRANSACTIONS = 200;
  @TempDir static Path dir;
  static DuckDbWarehouse warehouse;
  static ApiServer server;
  static String base;
  static String busy;
  static String start;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    warehouse = TestingWarehouse.bitcoin(dir, 3_000);
    new UtxoWarehouseClustering(warehouse, BTC, ClusterConfig.DEFAULT).update(true);
    busy = (String) warehouse.query("SELECT address FROM btc.outputs WHERE address IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
        .rows().get(0).get(0);
    new LabelStore(warehouse).importLabels(List.of(
        new Label("btc", busy, "exchange", "Busy Exchange", "test list", "tester", LocalDate.parse("2026-11-20"), Optional.of("hot wallet"))));
    start = (String) warehouse.query("SELECT o.txid || ':' || o.vout FROM btc.outputs o WHERE o.address <> ? AND o.spent_txid IS NOT NULL"
        + " ORDER BY o.block_height, o.txid, o.vout LIMIT 1", busy).rows().get(0).get(0);
    server = server(Map.of("forensics.max-transactions", Integer.toString(MAX_TRANSACTIONS)));
    base = "http://127.0.0.1:" + server.start();
  }

  static ApiServer server(Map<String, String> settings) {
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("server.port", "0");
    all.put("warehouse.address-totals", "false");
    all.put("server.access-log", "false");
    return new ApiServer(ServerConfig.fromSettings(all), ApiKeys.load(dir.resolve("no-keys")), warehouse, ChainFamilies.load(), MetricCatalog.load(),
        new ChainStatus(), new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() {
    server.close();
    warehouse.close();
  }

  record Answer(int status, String body, JsonNode json) {}

  static Answer send(String root, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    return new Answer(r.statusCode(), r.body(), json);
  }

  static Answer get(String path) throws Exception {
    return send(base, "GET", path, null);
  }

  static Answer post(String path, String body) throws Exception {
    return send(base, "POST", path, body);
  }

  static void assertBad(Answer a, String parameter, String messagePart) {
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.json().at("/error/code").asText()).isEqualTo("BAD_REQUEST");
    assertThat(a.json().at("/error/message").asText()).contains(messagePart);
    assertThat(a.json().at("/error/details/parameter").asText()).as(a.body()).isEqualTo(parameter);
  }

  static Investigations investigations() {
    return new Investigations(warehouse, BTC, "bitcoin");
  }

  @Test
  void aTraceAnswersTheCaseFileBdsTraceWrites() throws Exception {
    Answer a = post("/api/v1/chains/btc/trace",
        "{\"from\": \"" + start + "\", \"direction\": \"forward\", \"taint\": \"fifo\", \"hops\": 4, \"min_value\": \"1000\","
            + " \"stop_at_labels\": [\"exchange\"], \"stop_at\": {\"nobody-here-at-all\": \"a note\"}, \"max_transactions\": 150}");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    Investigations i = investigations();
    String expected = i.caseFile(i.trace(new Investigations.TraceParameters(start, Direction.FORWARD, TaintModel.FIFO, 4, 1000, Optional.empty(),
        Optional.empty(), Map.of("nobody-here-at-all", "a note"), List.of("exchange"), 150)), Software.VERSION, Instant.parse(a.json().get("created_at").asText()));
    assertThat(a.json()).isEqualTo(JSON.readTree(expected));
    assertThat(a.json().at("/summary/transactions").asInt()).isPositive();
    assertThat(a.json().at("/request/stop_at/nobody-here-at-all").asText()).isEqualTo("a note");

    // an address starts from everything it received; the labels of the addresses met come along
    Answer back = post("/api/v1/chains/btc/trace", "{\"from\": \"" + busy + "\", \"direction\": \"backward\", \"hops\": 1, \"since\": \"2000-01-01\"}");
    assertThat(back.status()).as(back.body()).isEqualTo(200);
    assertThat(back.json().at("/request/start").size()).isEqualTo(((Number) warehouse.query("SELECT count(*) FROM btc.outputs WHERE address = ?", busy)
        .rows().get(0).get(0)).intValue());
    assertThat(back.json().at("/labels/" + busy + "/0").asText()).isEqualTo("exchange: Busy Exchange (test list, tester, 2026-11-20)");
    assertThat(back.json().at("/request/max_transactions").asInt()).as("the server's bound by default").isEqualTo(MAX_TRANSACTIONS);
  }

  @Test
  void traceBoundsHold() throws Exception {
    Answer big = post("/api/v1/chains/btc/trace", "{\"from\": \"" + busy + "\", \"hops\": 100, \"taint\": \"poison\", \"max_transactions\": 20}");
    assertThat(big.status()).as(big.body()).isEqualTo(200);
    assertThat(big.json().at("/summary/transactions").asInt()).isEqualTo(20);
    assertThat(big.json().at("/summary/truncated").asBoolean()).isTrue();
    assertBad(post("/api/v1/chains/btc/trace", "{\"from\": \"" + busy + "\", \"max_transactions\": " + (MAX_TRANSACTIONS + 1) + "}"), "max_transactions",
        "between 1 and " + MAX_TRANSACTIONS);

    try (ApiServer hurried = server(Map.of("sql.timeout", "1ms"))) {
      Answer late = send("http://127.0.0.1:" + hurried.start(), "POST", "/api/v1/chains/btc/trace",
          "{\"from\": \"" + busy + "\", \"hops\": 20, \"taint\": \"poison\"}");
      assertThat(late.status()).as(late.body()).isEqualTo(408);
      assertThat(late.json().at("/error/code").asText()).isEqualTo("QUERY_TIMEOUT");
      assertThat(late.json().at("/error/details/limit_ms").asLong()).isEqualTo(1);
    }
  }

  @Test
  void everyBadTraceParameterIsNamed() throws Exception {
    String t = "/api/v1/chains/btc/trace";
    String f = "\"from\": \"" + busy + "\"";
    assertBad(post(t, "{}"), "from", "a trace needs from");
    assertBad(post(t, "{\"from\": 5}"), "from", "from is text");
    assertBad(post(t, "{\"from\": \"abc:1\"}"), "from", "a txid must be 64 hex digits");
    assertBad(post(t, "{\"from\": \"nobody\"}"), "from", "no output of btc pays 'nobody'");
    assertBad(post(t, "{\"from\": \"" + "00".repeat(32) + ":0\"}"), "from", "no transaction " + "00".repeat(32));
    assertBad(post(t, "{" + f + ", \"hop\": 3}"), "hop", "no parameter 'hop'");
    assertBad(post(t, "{" + f + ", \"hops\": 0}"), "hops", "between 1 and 100");
    assertBad(post(t, "{" + f + ", \"hops\": 101}"), "hops", "between 1 and 100");
    assertBad(post(t, "{" + f + ", \"hops\": 2.5}"), "hops", "whole number");
    assertBad(post(t, "{" + f + ", \"hops\": \"many\"}"), "hops", "whole number");
    assertBad(post(t, "{" + f + ", \"direction\": \"sideways\"}"), "direction", "forward and backward");
    assertBad(post(t, "{" + f + ", \"taint\": \"lifo\"}"), "taint", "poison, haircut and fifo");
    assertBad(post(t, "{" + f + ", \"min_value\": -1}"), "min_value", "0 or more");
    assertBad(post(t, "{" + f + ", \"min_value\": \"99999999999999999999\"}"), "min_value", "at most 9223372036854775807");
    assertBad(post(t, "{" + f + ", \"asset\": \"0x0000000000000000000000000000000000000001\"}"), "asset", "account chain");
    assertBad(post(t, "{" + f + ", \"stop_at_clusters\": [\"x\"]}"), "stop_at_clusters", "cluster ids");
    assertBad(post(t, "{" + f + ", \"stop_at_clusters\": [999999999]}"), "stop_at_clusters", "no cluster 999999999");
    assertBad(post(t, "{" + f + ", \"until\": \"yesterday\"}"), "until", "until takes a date");
    assertBad(post(t, "{" + f + ", \"direction\": \"backward\", \"until\": \"2026-01-01\"}"), "until", "a backward trace takes since");
    assertBad(post(t, "{" + f + ", \"since\": \"2026-01-01\"}"), "since", "a forward trace takes until");
    assertBad(post(t, "{" + f + ", \"stop_at_labels\": [\"banks\"]}"), "stop_at_labels", "no label category 'banks'");
    assertBad(post(t, "{" + f + ", \"stop_at_labels\": \"exchange\"}"), "stop_at_labels", "a list of label categories");
    assertBad(post(t, "{" + f + ", \"stop_at\": [\"x\"]}"), "stop_at", "stop_at is an object");
    assertBad(post(t, "{" + f + ", \"stop_at\": {\"x\": 3}}"), "stop_at", "maps addresses");
    Answer notJson = post(t, "{from: ");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.json().at("/error/message").asText()).contains("not valid JSON");
    assertThat(post("/api/v1/chains/doge/trace", "{" + f + "}").json().at("/error/code").asText()).isEqualTo("UNKNOWN_CHAIN");
  }

  @Test
  void anAddressShowsItsLabelsAndClusterWithTheEvidence() throws Exception {
    String member = (String) warehouse.query("SELECT d.address FROM btc.clusters c JOIN btc.address_dictionary d USING (address_id)"
        + " WHERE c.address_id <> c.cluster_id ORDER BY c.address_id LIMIT 1").rows().get(0).get(0);
    AddressProfile p = investigations().address(member, 3).orElseThrow();
    Answer a = get("/api/v1/chains/btc/forensics/addresses/" + member + "?others=3");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    JsonNode j = a.json();
    assertThat(j.get("balance").asLong()).isEqualTo(p.balance())
        .isEqualTo(((Number) warehouse.query("SELECT balance FROM btc.addresses WHERE address = ?", member).rows().get(0).get(0)).longValue());
    assertThat(j.get("transactions").asLong()).isEqualTo(p.transactions());
    assertThat(j.at("/first_active/height").asLong()).isEqualTo(p.first().orElseThrow().height());
    assertThat(j.at("/first_active/time").asText()).endsWith("Z");
    JsonNode cluster = j.get("cluster");
    assertThat(cluster.get("id").asLong()).isEqualTo(p.cluster().orElseThrow().id());
    assertThat(cluster.get("size").asLong()).isEqualTo(p.cluster().orElseThrow().size());
    assertThat(cluster.get("configuration").asText()).isEqualTo(ClusterConfig.DEFAULT.id());
    List<String> others = new ArrayList<>();
    cluster.get("others").forEach(o -> others.add(o.get("address").asText()));
    assertThat(others).isEqualTo(p.cluster().orElseThrow().others());
    assertThat(cluster.get("merges")).hasSize(p.cluster().orElseThrow().merges().size()).isNotEmpty();
    JsonNode merge = cluster.get("merges").get(0);
    AddressProfile.Merge m = p.cluster().orElseThrow().merges().get(0);
    assertThat(List.of(merge.get("txid").asText(), merge.get("heuristic").asText(), merge.get("linked_to").asText()))
        .containsExactly(m.txid(), m.heuristic(), m.linkedTo());

    JsonNode labelled = get("/api/v1/chains/btc/forensics/addresses/" + busy).json();
    assertThat(labelled.at("/labels/0/category").asText()).isEqualTo("exchange");
    assertThat(labelled.at("/labels/0/note").asText()).isEqualTo("hot wallet");
    assertThat(get("/api/v1/chains/btc/forensics/addresses/" + "1".repeat(30)).status()).isEqualTo(404);
    assertBad(get("/api/v1/chains/btc/forensics/addresses/x%27%20OR%201=1"), "address", "is not an address");
    assertBad(get("/api/v1/chains/btc/forensics/addresses/" + busy + "?others=5000"), "others", "between 0 and 1000");
  }

  @Test
  void pathsClustersAndLabelsAreTheInvestigationsOwn() throws Exception {
    List<Object> pair = warehouse.query("SELECT i.address, o.address FROM btc.inputs i JOIN btc.outputs o ON o.txid = i.txid"
        + " WHERE i.address IS NOT NULL AND o.address IS NOT NULL AND i.address <> o.address AND o.value > 0 AND i.value > 0"
        + " ORDER BY i.block_height DESC, i.txid LIMIT 1").rows().get(0);
    String from = (String) pair.get(0);
    String to = (String) pair.get(1);
    var expected = investigations().paths(from, to, 3, 2);
    Answer a = get("/api/v1/chains/btc/paths?from=" + from + "&to=" + to + "&max_hops=3&limit=2");
    assertThat(a.status()).as(a.body()).isEqualTo(200);
    assertThat(a.json().get("paths")).hasSize(expected.size()).isNotEmpty();
    JsonNode step = a.json().at("/paths/0/steps/0");
    assertThat(step.get("txid").asText()).isEqualTo(expected.get(0).steps().get(0).transaction().txid());
    assertThat(step.get("from").asText()).isEqualTo(expected.get(0).steps().get(0).from().toString());
    assertThat(step.get("from_address").asText()).isEqualTo(from);
    assertThat(a.json().at("/paths/0/bottleneck").asLong()).isEqualTo(expected.get(0).bottleneck());
    assertBad(get("/api/v1/chains/btc/paths?from=" + from + "&to=" + from), "to", "two different addresses");
    assertBad(get("/api/v1/chains/btc/paths?from=" + from + "&to=" + to + "&max_hops=21"), "max_hops", "between 1 and 20");
    assertBad(get("/api/v1/chains/btc/paths?to=" + to), "from", "from is needed");

    List<String> sample = new ArrayList<>();
    warehouse.query("SELECT address FROM btc.address_dictionary ORDER BY address_id LIMIT 200").rows().forEach(r -> sample.add((String) r.get(0)));
    Investigations.Clusters clusters = investigations().clusters(sample);
    ObjectNode body = JSON.createObjectNode();
    sample.forEach(body.putArray("addresses")::add);
    Answer c = post("/api/v1/chains/btc/forensics/clusters", body.toString());
    assertThat(c.status()).as(c.body()).isEqualTo(200);
    assertThat(c.json().get("configuration").asText()).isEqualTo(ClusterConfig.DEFAULT.id());
    assertThat(c.json().get("clusters").size()).isEqualTo(clusters.byAddress().size()).isPositive();
    clusters.byAddress().forEach((address, membership) -> {
      assertThat(c.json().at("/clusters/" + address + "/id").asLong()).isEqualTo(membership.id());
      assertThat(c.json().at("/clusters/" + address + "/size").asLong()).isEqualTo(membership.size());
    });
    assertBad(post("/api/v1/chains/btc/forensics/clusters", "{\"addresses\": []}"), "addresses", "1 to 5000");

    JsonNode labels = get("/api/v1/labels?chain=btc").json();
    assertThat(labels.get("labels")).hasSize(1);
    assertThat(labels.at("/labels/0/address").asText()).isEqualTo(busy);
    assertThat(labels.at("/labels/0/source").asText()).isEqualTo("test list");
    assertThat(labels.get("truncated").asBoolean()).isFalse();
    assertThat(get("/api/v1/labels?chain=ltc").json().get("labels")).isEmpty();
    assertThat(get("/api/v1/labels?address=" + URLEncoder.encode(busy, StandardCharsets.UTF_8)).json().get("labels")).hasSize(1);
    assertBad(get("/api/v1/labels?chain=DROP%20TABLE"), "chain", "not a chain id");
  }

  @Test
  void casesAreKeptWithTheirNotesAndViewAndListedBySummary() throws Exception {
    JsonNode trace = post("/api/v1/chains/btc/trace", "{\"from\": \"" + start + "\", \"hops\": 2}").json();
    ObjectNode item = JSON.createObjectNode();
    item.put("name", "Theft of block 1");
    ObjectNode document = item.putObject("document");
    document.set("case", trace);
    document.putArray("expansions");
    document.putObject("notes").putObject("nodes").put("tx:" + trace.at("/steps/0/txid").asText(), "first hop");
    document.putObject("view").put("colour", "taint");
    Answer created = post("/api/v1/cases", item.toString());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().get("id").asText();
    assertThat(created.json().get("document")).isEqualTo(document);

    JsonNode listed = get("/api/v1/cases").json().get("items").get(0);
    assertThat(listed.get("id").asText()).isEqualTo(id);
    assertThat(listed.has("document")).as("a list names cases without their whole trace").isFalse();
    assertThat(listed.at("/summary/chain").asText()).isEqualTo("btc");
    assertThat(listed.at("/summary/from").asText()).isEqualTo(start);
    assertThat(listed.at("/summary/transactions").asInt()).isEqualTo(trace.at("/summary/transactions").asInt());

    ((ObjectNode) document.get("notes").get("nodes")).put("addr:" + busy, "the exchange");
    item.put("name", "Theft, reviewed");
    Answer replaced = send(base, "PUT", "/api/v1/cases/" + id, item.toString());
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    JsonNode again = get("/api/v1/cases/" + id).json();
    assertThat(again.get("name").asText()).isEqualTo("Theft, reviewed");
    assertThat(again.get("document")).isEqualTo(document);
    assertThat(warehouse.query("SELECT name FROM main.bds_cases WHERE id = ?", id).rows().get(0).get(0)).isEqualTo("Theft, reviewed");

    assertThat(post("/api/v1/cases", "{\"name\": \"x\", \"document\": {\"case\": {\"format\": \"other\"}}}").json().at("/error/message").asText())
        .contains("openbds-case/1");
    assertThat(send(base, "DELETE", "/api/v1/cases/" + id, null).status()).isEqualTo(204);
    assertThat(get("/api/v1/cases/" + id).status()).isEqualTo(404);
  }

  @Test
  void aReadKeyReadsButNeitherTracesNorSaves() throws Exception {
    try (ApiServer reading = server(Map.of("auth.anonymous-role", "read"))) {
      String root = "http://127.0.0.1:" + reading.start();
      assertThat(send(root, "POST", "/api/v1/chains/btc/trace", "{\"from\": \"" + busy + "\"}").status()).isEqualTo(403);
      assertThat(send(root, "POST", "/api/v1/cases", "{\"name\": \"x\", \"document\": {}}").status()).isEqualTo(403);
      assertThat(send(root, "GET", "/api/v1/cases", null).status()).isEqualTo(200);
      assertThat(send(root, "GET", "/api/v1/chains/btc/forensics/addresses/" + busy, null).status()).isEqualTo(200);
      assertThat(send(root, "GET", "/api/v1/labels", null).status()).isEqualTo(200);
    }
  }
}
