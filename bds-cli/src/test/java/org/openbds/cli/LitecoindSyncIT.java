package org.openbds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainSupport;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportProgress;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Live sync against a real {@code litecoind -regtest}: seeded wallet scenarios reconciled block by block with the
 * node, real reorgs of several depths (before sync, while catching up, while following the tip), each ending in a
 * warehouse identical to a fresh sync of the node's final chain.
 */
class LitecoindSyncIT {
  private static final long[] SEEDS = {1, 2, 3};

  @TempDir Path dir;

  private static Path binary() {
    Optional<Path> binary = RegtestNode.findBinary();
    if (binary.isEmpty()) {
      System.out.println("NOTICE: litecoind is not installed (./bds test installs it); skipping");
      assumeTrue(false, "litecoind missing");
    }
    return binary.get();
  }

  @Test
  void randomizedWalletScenariosAgreeWithTheNode() throws Exception {
    Path binary = binary();
    for (long seed : SEEDS) {
      Path data = dir.resolve("data-" + seed);
      try (RegtestNode node = RegtestNode.start(binary, dir.resolve("node-" + seed))) {
        WalletActivity activity = WalletActivity.start(node, seed);
        activity.rounds(40);
        // a first sync, then more activity: the second sync resumes from the checkpoint
        SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
        activity.rounds(40);
        var result = SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
        assertThat(result.startedAfter()).isPresent();
        assertThat(node.call("getblockcount").asLong()).as("seed %d: a few hundred blocks", seed).isGreaterThan(180);
        SyncHarness.reconcile(data, node.url());
        assertBalancesAgree(data, activity.userBalances());
      }
    }
  }

  @Test
  void reorgsOfManyDepthsLeaveTheWarehouseAsAFreshSyncWould() throws Exception {
    try (RegtestNode node = RegtestNode.start(binary(), dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, 11);
      activity.rounds(20);
      // the deepest reorg must leave some of the users' payments below its fork: undoing them all would also evict
      // every payment that spent a coinbase no longer mature there, and the users' wallet could end up empty
      while (node.call("getblockcount").asLong() - 50 < WalletActivity.INITIAL_BLOCKS + 20) {
        activity.round();
      }
      Path data = dir.resolve("data");
      List<BlockRef[]> reorgs = new CopyOnWriteArrayList<>();
      SyncListener recorder =
          new SyncListener() {
            @Override
            public void reorg(BlockRef oldTip, BlockRef ancestor) {
              reorgs.add(new BlockRef[] {oldTip, ancestor});
            }
          };
      for (int depth : new int[] {1, 2, 7, 50}) {
        SyncHarness.syncToTip(data, node.url(), 500_000, recorder);
        long before = node.call("getblockcount").asLong();
        activity.reorg(depth);
        reorgs.clear();
        SyncHarness.syncToTip(data, node.url(), 500_000, recorder);
        assertThat(reorgs).as("depth %d", depth).hasSize(1);
        assertThat(reorgs.get(0)[1].height()).as("common ancestor of a %d-deep reorg", depth).isEqualTo(before - depth);
        SyncHarness.reconcile(data, node.url());
        Path fresh = dir.resolve("fresh-" + depth);
        SyncHarness.syncToTip(fresh, node.url(), 500_000, new SyncListener() {});
        assertThat(WarehouseFingerprint.of(data, "ltc")).as("after a %d-deep reorg", depth).isEqualTo(WarehouseFingerprint.of(fresh, "ltc"));
        assertBalancesAgree(data, activity.userBalances());
      }
    }
  }

  @Test
  void aReorgWhileCatchingUp() throws Exception {
    try (RegtestNode node = RegtestNode.start(binary(), dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, 21);
      activity.rounds(30);
      Path data = dir.resolve("data");
      AtomicBoolean reorged = new AtomicBoolean();
      List<BlockRef> rollbacks = new CopyOnWriteArrayList<>();
      SyncListener reorgOnFirstCommit =
          new SyncListener() {
            @Override
            public void progress(ImportProgress p) {
              // the catch-up has committed its first small batch and fetched more of the old branch
              if (reorged.compareAndSet(false, true)) {
                try {
                  activity.reorg(12);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              }
            }

            @Override
            public void reorg(BlockRef oldTip, BlockRef ancestor) {
              rollbacks.add(ancestor);
            }
          };
      var result = SyncHarness.syncToTip(data, node.url(), 30, reorgOnFirstCommit);
      assertThat(reorged).isTrue();
      assertThat(result.tip().map(BlockRef::height)).contains(node.call("getblockcount").asLong());
      SyncHarness.reconcile(data, node.url());
      Path fresh = dir.resolve("fresh");
      SyncHarness.syncToTip(fresh, node.url(), 500_000, new SyncListener() {});
      assertThat(WarehouseFingerprint.of(data, "ltc")).isEqualTo(WarehouseFingerprint.of(fresh, "ltc"));
    }
  }

  @Test
  void followsTheTipThroughAReorgAndStopsCleanly() throws Exception {
    try (RegtestNode node = RegtestNode.start(binary(), dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, 31);
      activity.rounds(5);
      Path data = dir.resolve("data");
      ChainSupport support = SyncHarness.support();
      List<BlockPipeline.AppliedBlock> seen = new CopyOnWriteArrayList<>();
      List<BlockRef> reorgs = new CopyOnWriteArrayList<>();
      CompletableFuture<BlockRef> caughtUp = new CompletableFuture<>();
      SyncListener listener =
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
            public void reorg(BlockRef oldTip, BlockRef ancestor) {
              reorgs.add(ancestor);
            }
          };
      try (Warehouse warehouse = DuckDbWarehouse.open(data);
          NodeSource source = support.node(SyncHarness.settings(node.url(), RetryPolicy.forever()))) {
        ChainSynchronizer<?> sync =
            new ChainSynchronizer<>(
                warehouse, SyncHarness.LTC, "regtest", support.splitter(), source,
                SyncConfig.defaults().withTipWait(Duration.ofMillis(200)).withImportConfig(ImportConfig.defaults()), listener);
        CompletableFuture<ChainSynchronizer.Result> running = CompletableFuture.supplyAsync(sync::run);
        caughtUp.get(60, TimeUnit.SECONDS);
        activity.rounds(3);
        awaitHeight(seen, node.call("getblockcount").asLong());
        activity.reorg(4);
        awaitHeight(seen, node.call("getblockcount").asLong());
        assertThat(reorgs).hasSize(1);
        sync.stop();
        ChainSynchronizer.Result result = running.get(30, TimeUnit.SECONDS);
        assertThat(result.tip().map(BlockRef::height)).contains(node.call("getblockcount").asLong());
        assertThat(result.reorgs()).isEqualTo(1);
      }
      SyncHarness.reconcile(data, node.url());
    }
  }

  @Test
  void startUpRepairsAGapADuplicateAndABrokenLink() throws Exception {
    try (RegtestNode node = RegtestNode.start(binary(), dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, 41);
      activity.rounds(10);
      Path data = dir.resolve("data");
      Path fresh = dir.resolve("fresh");
      SyncHarness.syncToTip(fresh, node.url(), 500_000, new SyncListener() {});
      String[] damages = {
        // a gap: every row of one block gone
        "DELETE FROM ltc.blocks WHERE height = 120; DELETE FROM ltc.transactions WHERE block_height = 120;"
            + " DELETE FROM ltc.tx_inputs WHERE block_height = 120; DELETE FROM ltc.tx_outputs WHERE block_height = 120",
        // a block row twice
        "INSERT INTO ltc.blocks SELECT * FROM ltc.blocks WHERE height = 115",
        // a block that does not link to the one below
        "UPDATE ltc.blocks SET prev_hash = hash WHERE height = 130"
      };
      long[] expected = {120, 115, 130};
      for (int i = 0; i < damages.length; i++) {
        SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {});
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + data.resolve("openbds.duckdb"));
            java.sql.Statement st = c.createStatement()) {
          for (String sql : damages[i].split("; ")) {
            st.execute(sql);
          }
        }
        List<Long> repaired = new CopyOnWriteArrayList<>();
        SyncHarness.syncToTip(data, node.url(), 500_000, new SyncListener() {
          @Override
          public void repaired(long height, String reason, BlockRef ancestor) {
            repaired.add(height);
          }
        });
        assertThat(repaired).as(damages[i]).containsExactly(expected[i]);
        assertThat(WarehouseFingerprint.of(data, "ltc")).as(damages[i]).isEqualTo(WarehouseFingerprint.of(fresh, "ltc"));
      }
      SyncHarness.reconcile(data, node.url());
    }
  }

  @Test
  void confirmationsKeepShallowReorgsOutOfTheWarehouse() throws Exception {
    try (RegtestNode node = RegtestNode.start(binary(), dir.resolve("node"))) {
      WalletActivity activity = WalletActivity.start(node, 51);
      activity.rounds(10);
      Path data = dir.resolve("data");
      ChainSupport support = SyncHarness.support();
      List<BlockRef> reorgs = new CopyOnWriteArrayList<>();
      SyncListener listener =
          new SyncListener() {
            @Override
            public void reorg(BlockRef oldTip, BlockRef ancestor) {
              reorgs.add(ancestor);
            }
          };
      SyncConfig config = SyncConfig.defaults().withConfirmations(3).withExitAtTip(true);
      for (int round = 0; round < 2; round++) {
        try (Warehouse warehouse = DuckDbWarehouse.open(data);
            NodeSource source = support.node(SyncHarness.settings(node.url(), RetryPolicy.forever()))) {
          ChainSynchronizer.Result r =
              new ChainSynchronizer<>(warehouse, SyncHarness.LTC, "regtest", support.splitter(), source, config, listener).run();
          long nodeTip = node.call("getblockcount").asLong();
          assertThat(r.tip().map(BlockRef::height)).contains(nodeTip - 3);
          assertThat(r.tip().map(BlockRef::hash).map(h -> h.toHex())).contains(node.call("getblockhash", nodeTip - 3).asText());
        }
        // a reorg shallower than the confirmations: the replaced blocks were never applied
        activity.reorg(2);
      }
      assertThat(reorgs).isEmpty();
    }
  }

  private static void awaitHeight(List<BlockPipeline.AppliedBlock> seen, long height) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (seen.stream().noneMatch(b -> b.ref().height() == height)) {
      assertThat(System.nanoTime()).as("block %d applied within 30 s", height).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /** The wallet's confirmed balance per address equals the warehouse's unspent value per address. */
  static void assertBalancesAgree(Path data, Map<String, Long> wallet) {
    assertThat(wallet).as("the users wallet holds coins").isNotEmpty();
    Map<String, Long> ours = new HashMap<>();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      StringBuilder list = new StringBuilder();
      for (String address : wallet.keySet()) {
        assertThat(address).matches("[A-Za-z0-9]+");
        list.append(list.length() == 0 ? "'" : ",'").append(address).append('\'');
      }
      for (List<Object> row : w.query("SELECT address, balance FROM ltc.addresses WHERE address IN (" + list + ")").rows()) {
        ours.put((String) row.get(0), ((Number) row.get(1)).longValue());
      }
    }
    assertThat(ours).isEqualTo(wallet);
  }
}
