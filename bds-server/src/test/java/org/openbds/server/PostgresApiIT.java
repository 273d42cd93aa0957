package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbds.api.ChainId;
import org.openbds.api.ReadAccess;
import org.openbds.api.Warehouse;
import org.openbds.core.ChainFamilies;
import org.openbds.core.FileTrees;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.forensics.labels.Label;
import org.openbds.forensics.labels.LabelStore;
import org.openbds.metrics.MetricCatalog;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;
import org.openbds.server.BothServers.Answer;

/**
 * The API over a PostgreSQL warehouse answers as over the embedded one: the same synthetic chain imported into both by
 * the real importer (with the embedded warehouse's metrics copied over, as they are computed there), clusters and
 * labels made on each, then every main route asked of both servers and the answers compared — explorer, address
 * pages, metric series, SQL sandbox with its refusals, condition queries, Parquet export and forensics.
 */
class PostgresApiIT {
  private static final ChainId BTC = new ChainId("btc");
  private static final ObjectMapper JSON = BothServers.JSON;

  private static Path dir;
  private static Path server;
  private static DuckDbWarehouse embedded;
  private static PostgresWarehouse postgres;
  private static ApiServer embeddedServer;
  private static ApiServer postgresServer;
  private static String embeddedBase;
  private static String postgresBase;
  private static BothServers both;
  private static String busy;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("bds-server-api");
    // a directory of its own under the temporary directory's root, which PostgreSQL's own system user can reach
    server = Files.createTempDirectory("bds-server-postgres");
    embedded = TestingWarehouse.bitcoin(dir, 4_000);
    String url = LocalPostgres.start(server, 0, "openbds", Map.of("fsync", "off", "synchronous_commit", "off")).url().withPassword();
    postgres = PostgresWarehouse.open(url);
    TestingWarehouse.importBlocks(postgres, dir.resolve("blocks"));
    copyMetrics(embedded, postgres);
    TestingWarehouse.importXrp(embedded, dir);
    TestingWarehouse.importXrp(postgres, dir);
    busy = (String) embedded.query("SELECT address FROM btc.outputs WHERE address IS NOT NULL GROUP BY address ORDER BY count(*) DESC, address LIMIT 1")
        .rows().get(0).get(0);
    for (Warehouse w : List.of(embedded, postgres)) {
      new UtxoWarehouseClustering(w, BTC, ClusterConfig.DEFAULT).update(true);
      new LabelStore(w).importLabels(List.of(
          new Label("btc", busy, "exchange", "Busy Exchange", "test list", "tester", LocalDate.parse("2026-11-20"), Optional.of("hot wallet"))));
    }
    embeddedServer = server(embedded);
    postgresServer = server(postgres);
    embeddedBase = "http://127.0.0.1:" + embeddedServer.start();
    postgresBase = "http://127.0.0.1:" + postgresServer.start();
    both = new BothServers(embeddedBase, postgresBase);
    embeddedServer.refreshAddressTotals();
    postgresServer.refreshAddressTotals();
  }

  private static ApiServer server(ReadAccess access) {
    Map<String, String> settings = Map.of("server.port", "0", "warehouse.address-totals", "false", "server.access-log", "false", "sql.max-rows", "500", "sql.timeout", "3s");
    return new ApiServer(
        ServerConfig.fromSettings(settings), ApiKeys.load(dir.resolve("no-keys")), access, ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(),
        new PrintStream(OutputStream.nullOutputStream()));
  }

  /** The daily metric values, computed on the embedded warehouse, into the same table on the server. */
  private static void copyMetrics(DuckDbWarehouse from, PostgresWarehouse to) throws SQLException {
    to.execute("CREATE TABLE btc.metrics (day DATE NOT NULL, metric VARCHAR NOT NULL, instance VARCHAR NOT NULL, value DECIMAL(38,10) NOT NULL,"
        + " catalog_version VARCHAR NOT NULL)");
    List<List<Object>> rows = from.query("SELECT day, metric, instance, value, catalog_version FROM btc.metrics").rows();
    assertThat(rows).as("metrics were computed").isNotEmpty();
    try (Connection c = to.openReader();
        PreparedStatement ps = c.prepareStatement("INSERT INTO btc.metrics VALUES (?, ?, ?, ?, ?)")) {
      for (List<Object> r : rows) {
        for (int i = 0; i < r.size(); i++) {
          ps.setObject(i + 1, r.get(i));
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @AfterAll
  static void stop() {
    try {
      BothServers.closeAll(embeddedServer, postgresServer, embedded, postgres);
    } finally {
      LocalPostgres.stop(server);
      FileTrees.delete(server);
      FileTrees.delete(dir);
    }
  }

  private static Answer send(String base, String method, String path, String body) throws Exception {
    return BothServers.send(base, method, path, body);
  }

  private static JsonNode same(String method, String path, String body) throws Exception {
    return both.same(method, path, body);
  }

  private static JsonNode get(String path) throws Exception {
    return both.get(path);
  }

  private static String sqlBody(String sql) {
    return BothServers.sqlBody(sql);
  }

  @Test
  void chainsBlocksAndTransactionsAreTheSame() throws Exception {
    assertThat(get("/ready").toString()).isNotEmpty();
    JsonNode chains = get("/api/v1/chains");
    assertThat(chains.path("chains").get(0).path("chain").asText()).isEqualTo("btc");
    get("/api/v1/chains/btc");
    JsonNode page = get("/api/v1/chains/btc/blocks?limit=20");
    assertThat(page.path("items").size() + page.path("blocks").size()).isPositive();
    long height = ((Number) embedded.query("SELECT height FROM btc.blocks WHERE tx_count >= 4 ORDER BY height LIMIT 1").rows().get(0).get(0)).longValue();
    JsonNode block = get("/api/v1/chains/btc/blocks/" + height);
    assertThat(block.path("transactions").size()).isGreaterThanOrEqualTo(4);
    assertThat(block.path("coinbase_data").asText()).isNotEmpty();
    get("/api/v1/chains/btc/blocks/" + block.path("hash").asText() + "?transactions=2");
    String txid = (String) embedded.query("SELECT txid FROM btc.transactions WHERE NOT is_coinbase AND input_count >= 2 ORDER BY tx_id LIMIT 1").rows().get(0).get(0);
    JsonNode tx = get("/api/v1/chains/btc/transactions/" + txid);
    assertThat(tx.path("inputs").size()).isGreaterThanOrEqualTo(2);
    get("/api/v1/chains/btc/search?q=" + txid);
    get("/api/v1/chains/btc/search?q=" + height);
    get("/api/v1/chains/btc/schema");
  }

  @Test
  void xrpLedgerPagesAreTheSame() throws Exception {
    JsonNode ledgers = get("/api/v1/chains/xrp/blocks?limit=3");
    assertThat(ledgers.path("items").size() + ledgers.path("blocks").size()).isPositive();
    get("/api/v1/chains/xrp");
    JsonNode ledger = get("/api/v1/chains/xrp/blocks/" + TestingWarehouse.XRP_FIRST + "?transactions=5");
    get("/api/v1/chains/xrp/blocks/" + ledger.path("ledger_hash").asText() + "/transactions?limit=4");
    List<List<Object>> txs = embedded.query("SELECT hash, account FROM xrp.transactions ORDER BY ledger_index, position").rows();
    assertThat(txs).hasSize(92);
    for (List<Object> t : txs) {
      get("/api/v1/chains/xrp/transactions/" + t.get(0));
    }
    String account = (String) txs.get(0).get(1);
    get("/api/v1/chains/xrp/addresses/" + account);
    get("/api/v1/chains/xrp/addresses/" + account + "/history?limit=5");
    get("/api/v1/chains/xrp/addresses/" + account + "/counterparties");
    get("/api/v1/chains/xrp/search?q=" + account);
    get("/api/v1/chains/xrp/search?q=" + TestingWarehouse.XRP_LAST);
  }

  @Test
  void addressPagesAreTheSame() throws Exception {
    JsonNode address = get("/api/v1/chains/btc/addresses/" + busy);
    assertThat(address.path("tx_count").asLong()).isPositive();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = get("/api/v1/chains/btc/addresses/" + busy + "/history?limit=25" + (cursor == null ? "" : "&cursor=" + cursor));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
      pages++;
    } while (cursor != null && pages < 5);
    assertThat(pages).isGreaterThan(1);
    get("/api/v1/chains/btc/addresses/" + busy + "/counterparties");
    get("/api/v1/chains/btc/search?q=" + busy);
  }

  @Test
  void metricSeriesAreTheSame() throws Exception {
    JsonNode catalog = get("/api/v1/chains/btc/metrics");
    List<String> ids = new ArrayList<>();
    catalog.path("metrics").forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).isNotEmpty();
    int withValues = 0;
    for (String id : ids.subList(0, Math.min(ids.size(), 12))) {
      JsonNode daily = get("/api/v1/chains/btc/metrics/" + id);
      withValues += daily.path("series").isEmpty() ? 0 : 1;
      for (String agg : List.of("sum", "mean", "last", "min", "max")) {
        get("/api/v1/chains/btc/metrics/" + id + "?interval=week&agg=" + agg);
      }
      get("/api/v1/chains/btc/metrics/" + id + "?interval=month");
    }
    assertThat(withValues).as("series with values").isPositive();
  }

  @Test
  void sandboxedSqlAnswersTheSame() throws Exception {
    for (String sql : List.of(
        "SELECT height, hash, tx_count, time FROM btc.blocks ORDER BY height LIMIT 50",
        "SELECT count(*) AS n, sum(fee) AS fees, max(size) AS biggest FROM btc.transactions",
        "WITH b AS (SELECT height, tx_count FROM btc.blocks WHERE tx_count > 2) SELECT count(*) AS blocks FROM b",
        "SELECT address, balance, tx_count FROM btc.addresses ORDER BY tx_count DESC, address LIMIT 20",
        "SELECT chain, network, tip_height FROM main.bds_chains")) {
      JsonNode r = same("POST", "/api/v1/sql", sqlBody(sql));
      assertThat(r.path("rows").size()).as(sql).isPositive();
    }
  }

  @Test
  void bothWarehousesRefuseTheSameEscapes() throws Exception {
    for (String sql : List.of(
        "SELECT 1; DROP TABLE btc.blocks",
        "DELETE FROM btc.blocks",
        "DROP TABLE btc.blocks",
        "COPY btc.blocks TO '/tmp/stolen.csv'",
        "WITH gone AS (DELETE FROM btc.blocks RETURNING *) SELECT * FROM gone",
        "SELECT * FROM main.bds_saved_queries",
        "SELECT setseed(0.5)",
        "SELECT current_setting('threads')")) {
      Answer e = send(embeddedBase, "POST", "/api/v1/sql", sqlBody(sql));
      Answer p = send(postgresBase, "POST", "/api/v1/sql", sqlBody(sql));
      assertThat(e.json().at("/error/code").asText()).as("embedded: " + sql).isEqualTo("QUERY_REFUSED");
      assertThat(p.json().at("/error/code").asText()).as("postgresql: " + sql).isEqualTo("QUERY_REFUSED");
      assertThat(p.status()).as(sql).isEqualTo(e.status());
    }
    Answer p = send(postgresBase, "POST", "/api/v1/sql", sqlBody("SELECT pg_read_file('/etc/passwd')"));
    assertThat(p.json().at("/error/code").asText()).isEqualTo("QUERY_REFUSED");
    assertThat(p.json().at("/error/message").asText()).contains("pg_read_file");
    assertThat(((Number) postgres.query("SELECT count(*) FROM btc.blocks").rows().get(0).get(0)).longValue()).isPositive();
  }

  @Test
  void aQueryAtTheTimeLimitIsCancelledOnTheServerToo() throws Exception {
    Answer p = send(postgresBase, "POST", "/api/v1/sql", sqlBody("SELECT pg_sleep(60)"));
    assertThat(p.status()).as(p.text()).isEqualTo(408);
    assertThat(p.json().at("/error/code").asText()).isEqualTo("QUERY_TIMEOUT");
    // cancelled on the server, not only abandoned by the client
    assertThat(postgres.query("SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE 'SELECT pg_sleep(60)%'").rows().get(0).get(0))
        .isEqualTo(0L);
    assertThat(same("POST", "/api/v1/sql", sqlBody("SELECT 42 AS x")).path("rows").get(0).get(0).asInt()).isEqualTo(42);
  }

  @Test
  void conditionQueriesAnswerTheSame() throws Exception {
    ObjectNode q = JSON.createObjectNode().put("chain", "btc").put("table", "transactions");
    ArrayNode group = q.putArray("group_by");
    group.addObject().put("column", "time").put("bucket", "day");
    ArrayNode aggregates = q.putArray("aggregates");
    aggregates.addObject().put("fn", "count");
    aggregates.addObject().put("fn", "sum").put("column", "fee");
    aggregates.addObject().put("fn", "median").put("column", "fee").put("as", "median_fee");
    aggregates.addObject().put("fn", "max").put("column", "size");
    q.putObject("filter").put("column", "is_coinbase").put("op", "=").put("value", false);
    q.putArray("order_by").addObject().put("column", "time_day").put("direction", "asc");
    JsonNode e = send(embeddedBase, "POST", "/api/v1/query", q.toString()).json();
    JsonNode p = send(postgresBase, "POST", "/api/v1/query", q.toString()).json();
    assertThat(e.path("rows").size()).as(e.toString()).isPositive();
    assertThat(p.path("rows")).as(p.toString()).isEqualTo(e.path("rows"));
    assertThat(p.path("columns")).isEqualTo(e.path("columns"));
  }

  @Test
  void parquetExportsHoldTheSameRows() throws Exception {
    String body = sqlBody("SELECT height, hash, tx_count, time, coinbase_data FROM btc.blocks ORDER BY height LIMIT 100");
    Answer e = send(embeddedBase, "POST", "/api/v1/sql/parquet", body);
    Answer p = send(postgresBase, "POST", "/api/v1/sql/parquet", body);
    assertThat(e.status()).isEqualTo(200);
    assertThat(p.status()).as(p.text()).isEqualTo(200);
    assertThat(parquetRows(p.body())).hasSize(100).isEqualTo(parquetRows(e.body()));
  }

  private static List<List<Object>> parquetRows(byte[] file) throws Exception {
    Path f = Files.createTempFile(dir, "result", ".parquet");
    Files.write(f, file);
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet('" + f + "')")) {
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void forensicsAnswerTheSame() throws Exception {
    String start = (String) embedded.query("SELECT o.txid || ':' || o.vout FROM btc.outputs o WHERE o.address <> ? AND o.spent_txid IS NOT NULL"
        + " ORDER BY o.block_height, o.txid, o.vout LIMIT 1", busy).rows().get(0).get(0);
    JsonNode trace = same("POST", "/api/v1/chains/btc/trace", "{\"from\": \"" + start + "\", \"hops\": 3}");
    assertThat(trace.toString()).contains(start.substring(0, 64));
    get("/api/v1/chains/btc/forensics/addresses/" + busy + "?others=3");
    get("/api/v1/labels?chain=btc");
    String other = (String) embedded.query("SELECT address FROM btc.outputs WHERE address IS NOT NULL AND address <> ? ORDER BY block_height, address LIMIT 1", busy)
        .rows().get(0).get(0);
    get("/api/v1/chains/btc/paths?from=" + URLEncoder.encode(other, StandardCharsets.UTF_8) + "&to=" + URLEncoder.encode(busy, StandardCharsets.UTF_8) + "&max_hops=3&limit=2");
    same("POST", "/api/v1/chains/btc/forensics/clusters", "{\"addresses\": [\"" + busy + "\", \"" + other + "\"]}");
  }

  @Test
  void savedItemsLiveOnTheServer() throws Exception {
    Answer created = send(postgresBase, "POST", "/api/v1/saved-queries", "{\"name\": \"fees\", \"document\": {\"sql\": \"SELECT 1\"}}");
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(send(postgresBase, "GET", "/api/v1/saved-queries/" + id, null).json().path("name").asText()).isEqualTo("fees");
    assertThat(postgres.query("SELECT count(*) FROM main.bds_saved_queries WHERE id = ?", id).rows().get(0).get(0)).isEqualTo(1L);
    assertThat(send(postgresBase, "DELETE", "/api/v1/saved-queries/" + id, null).status()).isEqualTo(204);
  }
}
