package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSource;
import org.openbds.api.ReadAccess;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.FileTrees;
import org.openbds.core.ImportConfig;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;
import org.openbds.postgres.LocalPostgres;
import org.openbds.postgres.PostgresWarehouse;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;

/**
 * Syncing and serving in one process, as {@code bds sync --serve} does, through real reorgs of a {@code litecoind
 * -regtest}: the sync keeps the metrics and the address clusters current after every pass while the server reads,
 * keeps its address totals up and rebuilds them after each reorg; afterwards the API's address summaries equal the
 * whole-chain view, the clusters and their merges equal a computation from scratch, the chain's status shows the
 * node's tip, and the warehouse reconciles with the node. On the embedded warehouse and on PostgreSQL.
 */
class SyncServeIT {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void syncAndServeThroughReorgsStayExact() throws Exception {
    Path data = dir.resolve("data");
    syncAndServe(() -> DuckDbWarehouse.open(data));
  }

  /** The same on a PostgreSQL warehouse. */
  @Test
  void syncAndServeOnPostgresThroughReorgsStayExact() throws Exception {
    // a directory of its own under the temporary directory's root, which PostgreSQL's own system user can reach
    Path server = Files.createTempDirectory("bds-sync-serve-postgres");
    try {
      String url = LocalPostgres.start(server, 0, "openbds").url().withPassword();
      syncAndServe(() -> PostgresWarehouse.open(url));
    } finally {
      LocalPostgres.stop(server);
      FileTrees.delete(server);
    }
  }

  /** Syncs and serves the warehouse {@code open} opens (and opens again to reconcile it afterwards). */
  private void syncAndServe(Supplier<Warehouse> open) throws Exception {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping SyncServeIT");
      assumeTrue(false, "litecoind missing");
    }
    try (RegtestNode node = RegtestNode.start(binary.get(), dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, 53);
      activity.rounds(8);
      ChainSupport support = SyncHarness.support();
      List<BlockPipeline.AppliedBlock> seen = new CopyOnWriteArrayList<>();
      List<BlockRef> reorgs = new CopyOnWriteArrayList<>();
      CompletableFuture<BlockRef> caughtUp = new CompletableFuture<>();
      ChainStatus status = new ChainStatus();
      try (Warehouse warehouse = open.get();
          NodeSource source = support.node(SyncHarness.settings(node.url(), RetryPolicy.forever()));
          ApiServer server =
              new ApiServer(
                  ServerConfig.fromSettings(Map.of("server.port", "0", "server.access-log", "false")), ApiKeys.load(dir), (ReadAccess) warehouse,
                  ChainFamilies.load(), MetricCatalog.load(), status, System.err)) {
        MetricEngine metrics = new MetricEngine(warehouse, MetricCatalog.load());
        SyncListener mine =
            new SyncListener() {
              @Override
              public void caughtUp(BlockRef tip, long nodeTip) {
                caughtUp.complete(tip);
              }

              @Override
              public void block(BlockPipeline.AppliedBlock block, long nodeTip) {
                seen.add(block);
              }

              @Override
              public void settled(BlockRef tip) {
                metrics.update(SyncHarness.LTC, "bitcoin");
              }

              @Override
              public void reorg(BlockRef oldTip, BlockRef ancestor) {
                reorgs.add(ancestor);
              }
            };
        String base = "http://127.0.0.1:" + server.start() + "/api/v1";
        ChainSynchronizer<?> sync =
            new ChainSynchronizer<>(
                warehouse, SyncHarness.LTC, "regtest", support.splitter(), source,
                SyncConfig.defaults().withTipWait(Duration.ofMillis(200)).withImportConfig(ImportConfig.defaults()),
                new TeeListener(new TeeListener(mine, status.listener("ltc")),
                    new ClusterUpdates(warehouse, SyncHarness.LTC, ClusterConfig.DEFAULT, new java.io.PrintWriter(System.out, true))));
        CompletableFuture<ChainSynchronizer.Result> running = CompletableFuture.supplyAsync(sync::run);
        caughtUp.get(120, TimeUnit.SECONDS);
        for (int depth : new int[] {2, 3, 5}) {
          activity.rounds(2);
          awaitHeight(seen, node.call("getblockcount").asLong(), running);
          activity.reorg(depth);
          awaitHeight(seen, node.call("getblockcount").asLong(), running);
        }
        assertThat(reorgs).hasSize(3);
        long tip = node.call("getblockcount").asLong();
        awaitTotals((ReadAccess) warehouse, tip, running);

        JsonNode chain = get(base + "/chains/ltc");
        assertThat(chain.path("tip_height").asLong()).isEqualTo(tip);
        assertThat(chain.path("node_tip_height").asLong()).isEqualTo(tip);
        assertThat(chain.path("lag_blocks").asLong()).isZero();
        JsonNode view = post(base + "/sql",
            "{\"sql\": \"SELECT address, balance, received, sent, tx_count FROM ltc.addresses ORDER BY tx_count DESC, address LIMIT 15\"}");
        assertThat(view.path("rows").size()).isEqualTo(15);
        for (JsonNode row : view.path("rows")) {
          JsonNode a = get(base + "/chains/ltc/addresses/" + row.get(0).asText());
          assertThat(List.of(a.path("balance").asLong(), a.path("received").asLong(), a.path("sent").asLong(), a.path("tx_count").asLong()))
              .as(row.get(0).asText())
              .containsExactly(row.get(1).asLong(), row.get(2).asLong(), row.get(3).asLong(), row.get(4).asLong());
        }
        assertThat(running).as("the sync is still following the node").isNotDone();
        sync.stop();
        ChainSynchronizer.Result result = running.get(60, TimeUnit.SECONDS);
        assertThat(result.reorgs()).isEqualTo(3);
        // the clusters kept block by block through the reorgs are those computed from scratch on the final chain
        assertThat(warehouse.query("SELECT height FROM ltc.cluster_state").rows().get(0).get(0)).isEqualTo(tip);
        String clusters = "SELECT address_id, cluster_id FROM ltc.clusters ORDER BY address_id";
        List<List<Object>> kept = warehouse.query(clusters).rows();
        List<List<Object>> merges = warehouse.query("SELECT * FROM ltc.cluster_merges ORDER BY block_height, tx_id, address_id, other_address_id").rows();
        new UtxoWarehouseClustering(warehouse, SyncHarness.LTC, ClusterConfig.DEFAULT).update(true);
        assertThat(kept).as("the wallet's co-spends made clusters").isNotEmpty();
        assertThat(warehouse.query(clusters).rows()).isEqualTo(kept);
        assertThat(warehouse.query("SELECT * FROM ltc.cluster_merges ORDER BY block_height, tx_id, address_id, other_address_id").rows()).isEqualTo(merges);
        // so are the metrics, and the API serves them
        metrics.update(SyncHarness.LTC, "bitcoin");
        String values = "SELECT day, metric, instance, value FROM ltc.metrics ORDER BY day, metric, instance";
        List<List<Object>> current = warehouse.query(values).rows();
        metrics.recompute(SyncHarness.LTC, "bitcoin");
        assertThat(warehouse.query(values).rows()).as("metrics kept through the reorgs vs from scratch").isEqualTo(current);
        List<Object> lastDay = warehouse.query("SELECT CAST(max(day) AS VARCHAR) FROM ltc.metrics WHERE metric = 'TxCnt'").rows().get(0);
        JsonNode series = get(base + "/chains/ltc/metrics/TxCnt?from=" + lastDay.get(0) + "&to=" + lastDay.get(0));
        assertThat(series.toString()).as("the API's TxCnt series").contains(lastDay.get(0).toString());
      }
      try (Warehouse warehouse = open.get()) {
        SyncHarness.reconcile(warehouse, node.url());
      }
    }
  }

  private static void awaitHeight(List<BlockPipeline.AppliedBlock> seen, long height, CompletableFuture<?> running) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (seen.stream().noneMatch(b -> b.ref().height() == height)) {
      if (running.isDone()) {
        running.get();
      }
      assertThat(System.nanoTime()).as("block %d applied within 60 s", height).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** Waits until the server's address totals are those of the chain's tip (kept by its own thread, every second). */
  private static void awaitTotals(ReadAccess warehouse, long tip, CompletableFuture<?> running) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    try (Connection c = warehouse.openReader(); Statement st = c.createStatement()) {
      while (true) {
        if (running.isDone()) {
          running.get();
        }
        try (ResultSet rs = st.executeQuery(
            "SELECT t.height FROM ltc.bds_address_totals_state t JOIN ltc.blocks b ON b.height = t.height AND b.hash = t.hash")) {
          if (rs.next() && rs.getLong(1) == tip) {
            return;
          }
        } catch (java.sql.SQLException e) {
          // the tables are created by the server's first pass
        }
        assertThat(System.nanoTime()).as("address totals at the tip within 60 s").isLessThan(deadline);
        Thread.sleep(100);
      }
    }
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }

  private JsonNode post(String url, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return json.readTree(r.body());
  }
}
