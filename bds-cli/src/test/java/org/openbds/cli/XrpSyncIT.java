package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openbds.cli.XrpSyncHarness.FIRST;
import static org.openbds.cli.XrpSyncHarness.TRANSACTIONS_PER_LEDGER;
import static org.openbds.cli.XrpSyncHarness.XRP;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.ImportConfig;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.xrp.rpc.FakeRippled;

/**
 * {@code bds sync --chain xrp} against a fake rippled replaying a chain of mainnet ledgers at volume: catch-up over
 * JSON-RPC and over the WebSocket API, then following new validated ledgers as they come; a hole in the node's
 * history stops sync before it, naming the missing ledgers, and a sync after the node filled it completes; a ledger
 * missing from the warehouse is found on start-up and synced again. Each ends with {@code bds verify} passing every
 * check.
 */
class XrpSyncIT {
  private static final int LEDGERS = 300;

  @TempDir Path dir;

  @Test
  void catchesUpOverJsonRpcThenFollowsNewLedgers() throws Exception {
    XrpSyncHarness.ReplayedChain chain = new XrpSyncHarness.ReplayedChain(LEDGERS + 10);
    try (FakeRippled node = new FakeRippled()) {
      long last = FIRST + LEDGERS - 1;
      chain.serve(node, FIRST, last);
      Path data = dir.resolve("data");
      long started = System.nanoTime();
      Cli.Result r = XrpSyncHarness.cliSync(data, node.httpUrl());
      assertThat(r.exitCode()).as(r.err()).isZero();
      System.out.printf("xrp catch-up: %d ledgers, %d transactions in %.1f s%n", LEDGERS, LEDGERS * TRANSACTIONS_PER_LEDGER, (System.nanoTime() - started) / 1e9);
      assertThat(r.out()).contains("at the node's tip: " + last);
      XrpSyncHarness.assertHoldsThrough(data, last);
      List<JsonNode> checks = XrpSyncHarness.verify(data, node.httpUrl());
      assertThat(checks).filteredOn(c -> c.path("name").asText().equals("ledgers.hash")).singleElement()
          .satisfies(c -> assertThat(c.path("checked").asLong()).isEqualTo(LEDGERS));

      // following: each ledger the node validates is applied, and can be queried, as it comes
      Map<Long, Long> queried = new ConcurrentHashMap<>();
      CompletableFuture<BlockRef> caughtUp = new CompletableFuture<>();
      List<Long> applied = new CopyOnWriteArrayList<>();
      ChainSupport support = XrpSyncHarness.support();
      try (Warehouse warehouse = DuckDbWarehouse.open(data);
          NodeSource source = support.node(XrpSyncHarness.settings(node.httpUrl(), RetryPolicy.forever()))) {
        SyncListener listener =
            new SyncListener() {
              @Override
              public void caughtUp(BlockRef tip, long nodeTip) {
                caughtUp.complete(tip);
              }

              @Override
              public void block(BlockPipeline.AppliedBlock b, long nodeTip) {
                // on the sync's thread, after the commit: what a reader sees now
                queried.put(b.ref().height(), XrpSyncHarness.count(warehouse, "SELECT COUNT(*) FROM xrp.transactions WHERE ledger_index = ?", b.ref().height()));
                applied.add(b.ref().height());
              }
            };
        ChainSynchronizer<?> sync = new ChainSynchronizer<>(warehouse, XRP, "mainnet", support.splitter(), source,
            SyncConfig.defaults().withTipWait(Duration.ofMillis(200)).withImportConfig(ImportConfig.defaults()), listener);
        CompletableFuture<ChainSynchronizer.Result> running = CompletableFuture.supplyAsync(sync::run);
        assertThat(caughtUp.get(60, TimeUnit.SECONDS).height()).isEqualTo(last);
        for (long next = last + 1; next <= last + 10; next++) {
          chain.serve(node, next, next);
          awaitApplied(applied, next, running);
        }
        sync.stop();
        ChainSynchronizer.Result result = running.get(30, TimeUnit.SECONDS);
        assertThat(result.tip().map(BlockRef::height)).contains(last + 10);
        assertThat(applied).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(last + 1, last + 10).boxed().toList());
        assertThat(queried).hasSize(10).allSatisfy((ledger, transactions) -> assertThat(transactions).as("ledger %d", ledger).isEqualTo(TRANSACTIONS_PER_LEDGER));
      }
      XrpSyncHarness.assertHoldsThrough(data, last + 10);
      XrpSyncHarness.verify(data, node.httpUrl());
    }
  }

  private static void awaitApplied(List<Long> applied, long ledger, CompletableFuture<?> running) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!applied.contains(ledger)) {
      assertThat(running).as("sync ended early").isNotDone();
      assertThat(System.nanoTime()).as("ledger %d applied within 30 s", ledger).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void catchesUpOverTheWebSocketApi() throws Exception {
    XrpSyncHarness.ReplayedChain chain = new XrpSyncHarness.ReplayedChain(60);
    try (FakeRippled node = new FakeRippled()) {
      long last = FIRST + 59;
      chain.serve(node, FIRST, last);
      Path data = dir.resolve("data");
      Cli.Result r = XrpSyncHarness.cliSync(data, node.wsUrl(), "--rpc-concurrency", "4");
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("from " + node.wsUrl());
      XrpSyncHarness.assertHoldsThrough(data, last);
      XrpSyncHarness.verify(data, node.wsUrl());
      assertThat(node.requests("ledger")).hasSizeGreaterThanOrEqualTo(60);
      // the same ledgers over JSON-RPC make the same rows, every column alike: a ledger's size is its transactions'
      // and metadata in the network's binary form, not the bytes of the answer it came in
      Path overHttp = dir.resolve("http");
      assertThat(XrpSyncHarness.cliSync(overHttp, node.httpUrl()).exitCode()).isZero();
      assertThat(WarehouseFingerprint.of(data, "xrp", XrpSyncHarness.TABLES))
          .isEqualTo(WarehouseFingerprint.of(overHttp, "xrp", XrpSyncHarness.TABLES));
      try (DuckDbWarehouse ws = DuckDbWarehouse.open(data)) {
        assertThat(ws.query("SELECT COUNT(*) FROM xrp.ledgers WHERE size > 0").rows().get(0).get(0)).isEqualTo(60L);
      }
    }
  }

  @Test
  void aHoleInTheNodesHistoryStopsSyncBeforeItUntilTheNodeFillsIt() throws Exception {
    XrpSyncHarness.ReplayedChain chain = new XrpSyncHarness.ReplayedChain(120);
    try (FakeRippled node = new FakeRippled()) {
      long last = FIRST + 119;
      chain.serve(node, FIRST, last);
      node.drop(FIRST + 50, FIRST + 54);
      Path data = dir.resolve("data");
      Cli.Result r = XrpSyncHarness.cliSync(data, node.httpUrl(), "--batch-tx", "500");
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.err()).contains("NODE_ERROR").contains("does not have ledgers " + (FIRST + 50) + "–" + (FIRST + 54))
          .contains("complete_ledgers " + FIRST + "-" + (FIRST + 49) + "," + (FIRST + 55) + "-" + last);
      // everything below the hole is there, nothing from it on
      XrpSyncHarness.assertHoldsThrough(data, FIRST + 49);

      chain.serve(node, FIRST + 50, FIRST + 54);
      Cli.Result resumed = XrpSyncHarness.cliSync(data, node.httpUrl());
      assertThat(resumed.exitCode()).as(resumed.err()).isZero();
      XrpSyncHarness.assertHoldsThrough(data, last);
      XrpSyncHarness.verify(data, node.httpUrl());
      Path fresh = dir.resolve("fresh");
      XrpSyncHarness.syncToTip(fresh, node.httpUrl(), new SyncListener() {});
      assertThat(XrpSyncHarness.fingerprint(data)).isEqualTo(XrpSyncHarness.fingerprint(fresh));
    }
  }

  @Test
  void anEmptyWarehouseStartsWithinTheServersHistory() throws Exception {
    XrpSyncHarness.ReplayedChain chain = new XrpSyncHarness.ReplayedChain(20);
    try (FakeRippled node = new FakeRippled()) {
      chain.serve(node, FIRST, FIRST + 19);
      Path data = dir.resolve("data");
      Cli.Result none = Cli.run(data, "sync", "--chain", "xrp", "--rpc", node.httpUrl(), "--exit-at-tip", "--no-metrics");
      assertThat(none.exitCode()).isNotZero();
      assertThat(none.err()).contains("INVALID_ARGUMENT").contains("mainnet's history at 32570").contains("--start-height")
          .contains("complete_ledgers " + FIRST + "-" + (FIRST + 19));
      Cli.Result below = Cli.run(data, "sync", "--chain", "xrp", "--rpc", node.httpUrl(), "--start-height", String.valueOf(FIRST - 10), "--exit-at-tip");
      assertThat(below.exitCode()).isNotZero();
      assertThat(below.err()).contains("NODE_ERROR").contains("does not have ledgers 1–" + (FIRST - 1));
      try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
        assertThat(w.checkpoint(XRP)).isEmpty();
        assertThat(XrpSyncHarness.count(w, "SELECT COUNT(*) FROM xrp.ledgers")).isZero();
      }
      Cli.Result within = XrpSyncHarness.cliSync(data, node.httpUrl());
      assertThat(within.exitCode()).as(within.err()).isZero();
      XrpSyncHarness.assertHoldsThrough(data, FIRST + 19);
    }
  }

  @Test
  void startUpRepairsALedgerMissingFromTheWarehouse() throws Exception {
    XrpSyncHarness.ReplayedChain chain = new XrpSyncHarness.ReplayedChain(120);
    try (FakeRippled node = new FakeRippled()) {
      long last = FIRST + 119;
      chain.serve(node, FIRST, last);
      Path fresh = dir.resolve("fresh");
      XrpSyncHarness.syncToTip(fresh, node.httpUrl(), new SyncListener() {});
      Path data = dir.resolve("data");
      XrpSyncHarness.syncToTip(data, node.httpUrl(), new SyncListener() {});
      long hole = FIRST + 60;
      try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckDbWarehouse.FILE_NAME));
          java.sql.Statement st = c.createStatement()) {
        for (String table : XrpSyncHarness.TABLES) {
          st.execute("DELETE FROM xrp." + table + " WHERE ledger_index = " + hole);
        }
      }
      Cli.Result r = XrpSyncHarness.cliSync(data, node.httpUrl());
      assertThat(r.exitCode()).as(r.err()).isZero();
      assertThat(r.out()).contains("repair: the warehouse was damaged at height " + String.format("%,d", hole) + " (no block at height " + hole + ")");
      XrpSyncHarness.assertHoldsThrough(data, last);
      assertThat(XrpSyncHarness.fingerprint(data)).isEqualTo(XrpSyncHarness.fingerprint(fresh));
      XrpSyncHarness.verify(data, node.httpUrl());
    }
  }
}
