package org.openbds.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openbds.api.ReadAccess;
import org.openbds.core.ChainFamilies;
import org.openbds.core.FileTrees;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.metrics.MetricCatalog;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;

/**
 * The Ethereum-family explorer over a PostgreSQL warehouse answers as over the embedded one: one anvil devnet with
 * seeded wallet, token, internal-call and failed-transaction activity, synced by the real synchronizer into both, and
 * every block, transaction and address page asked of both servers and compared — wei and token amounts exactly, as
 * the decimal strings the API answers with.
 */
class PostgresEthereumApiIT {
  private static final String API = "/api/v1/chains/eth";

  private static Path dir;
  private static Path server;
  private static TestingDevnetWarehouse devnet;
  private static PostgresWarehouse postgres;
  private static ApiServer embeddedServer;
  private static ApiServer postgresServer;
  private static BothServers both;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> anvil = AnvilNode.findBinary();
    if (anvil.isEmpty()) {
      System.out.println("NOTICE: anvil is not installed (./bds test installs it into .tools); skipping PostgresEthereumApiIT");
    }
    assumeTrue(anvil.isPresent(), "anvil missing");
    dir = Files.createTempDirectory("bds-server-eth");
    // a directory of its own under the temporary directory's root, which PostgreSQL's own system user can reach
    server = Files.createTempDirectory("bds-server-eth-postgres");
    devnet = TestingDevnetWarehouse.start(anvil.get(), dir, 17, 3);
    postgres = PostgresWarehouse.open(LocalPostgres.start(server, 0, "openbds", Map.of("fsync", "off")).url().withPassword());
    TestingDevnetWarehouse.sync(devnet.node(), postgres);
    embeddedServer = server(devnet.warehouse());
    postgresServer = server(postgres);
    both = new BothServers("http://127.0.0.1:" + embeddedServer.start(), "http://127.0.0.1:" + postgresServer.start());
  }

  private static ApiServer server(ReadAccess access) {
    return new ApiServer(
        ServerConfig.fromSettings(Map.of("server.port", "0", "server.access-log", "false")), ApiKeys.load(dir.resolve("no-keys")), access,
        ChainFamilies.load(), MetricCatalog.load(), new ChainStatus(), new PrintStream(OutputStream.nullOutputStream()));
  }

  @AfterAll
  static void stop() {
    try {
      BothServers.closeAll(embeddedServer, postgresServer, postgres, devnet);
    } finally {
      if (server != null) {
        LocalPostgres.stop(server);
        FileTrees.delete(server);
      }
      if (dir != null) {
        FileTrees.delete(dir);
      }
    }
  }

  @Test
  void everyBlockAndTransactionIsTheSame() throws Exception {
    assertThat(both.get(API).path("tip_height").asLong()).isEqualTo(devnet.tip());
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page = both.get(API + "/blocks?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      cursor = page.path("next_cursor").isNull() ? null : page.path("next_cursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(pages).isGreaterThan(1);
    for (JsonNode block : devnet.blocks()) {
      both.get(API + "/blocks/" + block.path("hash").asText() + "?transactions=1000");
    }
    assertThat(devnet.transactions()).hasSizeGreaterThan(50);
    for (String hash : devnet.transactions().keySet()) {
      JsonNode tx = both.get(API + "/transactions/" + hash);
      assertThat(tx.path("hash").asText()).isEqualTo(hash);
    }
    String first = devnet.transactions().keySet().iterator().next();
    both.get(API + "/search?q=" + first);
    both.get(API + "/search?q=" + devnet.tip());
  }

  @Test
  void everyAddressPageIsTheSame() throws Exception {
    List<List<Object>> addresses = devnet.warehouse().query(
        "SELECT address FROM eth.balance_changes UNION SELECT to_address FROM eth.token_transfers WHERE to_address IS NOT NULL"
            + " UNION SELECT address FROM eth.contracts ORDER BY 1").rows();
    assertThat(addresses).hasSizeGreaterThan(10);
    int withTokens = 0;
    for (List<Object> row : addresses) {
      String a = (String) row.get(0);
      JsonNode page = both.get(API + "/addresses/" + a);
      withTokens += page.path("tokens").isEmpty() ? 0 : 1;
      both.get(API + "/addresses/" + a + "/history?limit=5");
      both.get(API + "/addresses/" + a + "/counterparties");
    }
    assertThat(withTokens).as("addresses holding tokens").isPositive();
  }

  @Test
  void exactAmountsAnswerTheSameInSqlAndConditionQueries() throws Exception {
    JsonNode r = both.same("POST", "/api/v1/sql", BothServers.sqlBody(
        "SELECT hash, value, gas_price FROM eth.transactions ORDER BY block_number, transaction_index"));
    assertThat(r.path("rows").size()).isPositive();
    both.same("POST", "/api/v1/sql", BothServers.sqlBody("SELECT holder, token_address, token_id, balance FROM eth.token_balances ORDER BY 1, 2, 3"));
    ObjectNode q = BothServers.JSON.createObjectNode().put("chain", "eth").put("table", "transactions");
    q.putArray("group_by").addObject().put("column", "block_number");
    q.putArray("aggregates").addObject().put("fn", "sum").put("column", "value");
    q.putArray("order_by").addObject().put("column", "block_number").put("direction", "asc");
    JsonNode sums = both.same("POST", "/api/v1/query", q.toString());
    assertThat(sums.path("rows").size()).isPositive();
  }

  @Test
  void aSeriesWithoutStoredMetricsIsEmptyOnBoth() throws Exception {
    JsonNode catalog = both.get(API + "/metrics");
    String id = catalog.path("metrics").get(0).path("id").asText();
    assertThat(both.get(API + "/metrics/" + id).path("series")).isEmpty();
  }
}
