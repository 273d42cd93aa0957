package org.openbds.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.ReconciliationCheck;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.regtest.PaymentShape;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.regtest.Reorg;
import org.openbds.bitcoin.regtest.WalletActivity;
import org.openbds.bitcoin.regtest.WalletActivityCounts;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.FileTrees;
import org.openbds.core.SyncConfig;

/**
 * The live demo: a private {@code litecoind -regtest} in a temporary directory, seeded wallet activity of many shapes
 * and a reorg, synced live into {@code <root>/warehouse} while it happens, reconciled with the node, reported. The
 * node and its directory are removed at the end; the warehouse stays for the user to query.
 */
final class LiveDemo {
  private static final ChainId LTC = new ChainId("ltc");
  private static final String NETWORK = "regtest";

  private final PrintWriter out;
  private final PrintWriter err;
  private final Path root;
  private final long seed;
  private final int rounds;
  private final boolean keepNode;

  LiveDemo(PrintWriter out, PrintWriter err, Path root, long seed, int rounds, boolean keepNode) {
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
    this.root = requireNonNull(root, "root is null");
    this.seed = seed;
    this.rounds = rounds;
    this.keepNode = keepNode;
    if (rounds < 1 || rounds > 120) {
      // the chain must stay below the height at which this node's regtest activates MWEB
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--rounds must be 1..120, got " + rounds);
    }
  }

  int run() throws IOException {
    Path binary =
        RegtestNode.findBinary()
            .orElseThrow(() -> new BdsException(ErrorCode.INVALID_CONFIG, "litecoind is not installed: run the demo as ./bds demo (it installs it) or apt-get install litecoind"));
    Path warehouseDir = root.resolve("warehouse");
    FileTrees.delete(root);
    Files.createDirectories(root);
    Path nodeDir = Files.createTempDirectory("bds-demo-litecoind-");
    try {
      out.printf("== 1. starting a private litecoind -regtest in %s%n", nodeDir);
      out.flush();
      try (RegtestNode node = RegtestNode.start(binary, nodeDir)) {
        return withNode(node, warehouseDir);
      }
    } finally {
      if (keepNode) {
        out.printf("the node's directory stays in %s%n", nodeDir);
      } else {
        FileTrees.delete(nodeDir);
      }
      out.flush();
    }
  }

  private int withNode(RegtestNode node, Path warehouseDir) {
    ChainSupport support = ChainFamilies.load().forChain("ltc").open(LTC, NETWORK, SplitOptions.defaults());
    NodeSettings settings = new NodeSettings(node.url(), Optional.empty(), Duration.ofSeconds(60), 2, RetryPolicy.upTo(Duration.ofSeconds(60)));
    try (Warehouse warehouse = Warehouses.open(warehouseDir);
        NodeSource source = support.node(settings)) {
      LiveSyncWatch events = new LiveSyncWatch();
      ChainSynchronizer<?> sync =
          new ChainSynchronizer<>(warehouse, LTC, NETWORK, support.splitter(), source, SyncConfig.defaults().withTipWait(Duration.ofMillis(250)), events);
      out.printf("== 2. wallet activity (seed %d) while sync follows the node live into %s%n", seed, warehouseDir);
      out.flush();
      CompletableFuture<ChainSynchronizer.Result> running = CompletableFuture.supplyAsync(sync::run);
      WalletActivity activity;
      Reorg reorg;
      try {
        activity = WalletActivity.start(node, seed);
        activity.rounds(rounds / 2);
        // let sync reach the node's tip first, so that the reorg replaces blocks the warehouse already holds
        events.awaitHeight(node.rpc().blockCount(), running, "node");
        reorg = activity.reorg(3);
        activity.rounds(rounds - rounds / 2);
      } catch (RuntimeException e) {
        sync.stop();
        throw e;
      }
      long tip = node.rpc().blockCount();
      events.awaitHeight(tip, running, "node");
      sync.stop();
      ChainSynchronizer.Result result = LiveSyncWatch.join(running);
      printActivity(activity.counts(), reorg);
      out.printf(
          "   sync applied %,d blocks (%,d transactions) live, rolled back %d reorg(s) (%s), now at %s%n",
          result.blocks(), result.transactions(), result.reorgs(), events.lastReorg(), result.tip().map(BlockRef::toString).orElse("-"));

      out.printf("== 3. reconciling the warehouse with the node%n");
      List<ReconciliationCheck> checks = support.reconciler(settings).reconcile(warehouse, LTC, 0, Long.MAX_VALUE, note -> {});
      long failed = checks.stream().filter(c -> !c.passed()).count();
      for (ReconciliationCheck c : checks) {
        out.printf("   %-4s %-32s %-16s %,8d checked  %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.scope(), c.checked(), c.detail());
      }
      out.printf("   %s%n", failed == 0 ? "all " + checks.size() + " checks passed" : failed + " of " + checks.size() + " checks FAILED");

      out.println("== 4. report");
      ChainReport.print(out, warehouse, "ltc");
      out.println("-- metrics of the last day, and the month's report");
      DemoMetrics.show(
          out, warehouse, LTC, List.of("BlkCnt", "TxCnt", "FeeTotNtv", "IssTotNtv", "AdrActCnt", "AdrNewCnt", "SplyCur", "UTXOCnt"),
          root.resolve("ltc-report.html"));
      out.printf(
          "%nthe warehouse stays in %s; query it with:%n  ./bds --data %s sql \"select * from ltc.blocks order by height desc limit 5\"%n",
          warehouseDir, warehouseDir);
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }

  private void printActivity(WalletActivityCounts counts, Reorg reorg) {
    out.printf("   %d rounds, %d blocks mined, %d payments:%n", counts.rounds(), counts.blocksMined(), counts.totalPayments());
    for (PaymentShape shape : PaymentShape.values()) {
      if (counts.payments(shape) > 0) {
        out.printf("     %5d  %s%n", counts.payments(shape), shape.description());
      }
    }
    out.printf("   a reorg on the node: %d block(s) orphaned, new tip %d%n", reorg.depth(), reorg.newTipHeight());
  }
}
