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
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.FileTrees;
import org.openbds.core.SyncConfig;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.ethereum.devnet.EvmActivityCounts;
import org.openbds.ethereum.devnet.EvmActivityKind;
import org.openbds.ethereum.devnet.Reorg;

/**
 * The EVM half of the live demo: a private anvil devnet in a temporary directory, seeded contract and token activity
 * (ERC-20, ERC-721, ERC-1155, nested calls, reverted inner calls, CREATE/CREATE2, SELFDESTRUCT, failed transactions)
 * and a reorg, synced live into the {@code eth} schema of the same warehouse, reconciled with the node (every
 * address's balance, every token balance), reported. The node and its directory are removed at the end.
 */
final class EvmLiveDemo {
  private static final ChainId ETH = new ChainId("eth");
  private static final String NETWORK = "dev";

  private final PrintWriter out;
  private final Path warehouseDir;
  private final long seed;
  private final int rounds;
  private final boolean keepNode;

  EvmLiveDemo(PrintWriter out, Path warehouseDir, long seed, int rounds, boolean keepNode) {
    this.out = requireNonNull(out, "out is null");
    this.warehouseDir = requireNonNull(warehouseDir, "warehouseDir is null");
    this.seed = seed;
    this.rounds = rounds;
    this.keepNode = keepNode;
    if (rounds < 2 || rounds > 200) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--evm-rounds must be 2..200, got " + rounds);
    }
  }

  int run() throws IOException {
    Path binary =
        AnvilNode.findBinary()
            .orElseThrow(() -> new BdsException(ErrorCode.INVALID_CONFIG, "anvil is not installed: run the demo as ./bds demo (it installs it into .tools)"));
    Path nodeDir = Files.createTempDirectory("bds-demo-anvil-");
    try {
      out.printf("%n== 5. starting a private anvil devnet in %s%n", nodeDir);
      out.flush();
      try (AnvilNode node = AnvilNode.start(binary, nodeDir.resolve("node"))) {
        return withNode(node);
      }
    } finally {
      if (keepNode) {
        out.printf("the devnet's directory stays in %s%n", nodeDir);
      } else {
        FileTrees.delete(nodeDir);
      }
      out.flush();
    }
  }

  private int withNode(AnvilNode node) {
    ChainSupport support = ChainFamilies.load().forChain("eth").open(ETH, NETWORK, SplitOptions.defaults());
    NodeSettings settings = new NodeSettings(node.url(), Optional.empty(), Duration.ofSeconds(60), 2, RetryPolicy.upTo(Duration.ofSeconds(60)));
    try (Warehouse warehouse = Warehouses.open(warehouseDir);
        NodeSource source = support.node(settings)) {
      LiveSyncWatch events = new LiveSyncWatch();
      ChainSynchronizer<?> sync =
          new ChainSynchronizer<>(warehouse, ETH, NETWORK, support.splitter(), source, SyncConfig.defaults().withTipWait(Duration.ofMillis(250)), events);
      out.printf("== 6. contract and token activity (seed %d) while sync follows the devnet live into the eth schema%n", seed);
      out.flush();
      CompletableFuture<ChainSynchronizer.Result> running = CompletableFuture.supplyAsync(sync::run);
      EvmActivity activity;
      Reorg reorg;
      try {
        activity = EvmActivity.start(node, seed);
        activity.rounds(rounds / 2);
        events.awaitHeight(node.rpc().blockNumber(), running, "devnet");
        // a reorg of the blocks sync already holds (short demos have fewer blocks to replace)
        reorg = activity.reorg(Math.min(3, rounds / 2));
        activity.rounds(rounds - rounds / 2);
      } catch (RuntimeException e) {
        sync.stop();
        throw e;
      }
      events.awaitHeight(node.rpc().blockNumber(), running, "devnet");
      sync.stop();
      ChainSynchronizer.Result result = LiveSyncWatch.join(running);
      printActivity(activity.counts(), reorg);
      out.printf("   sync applied %,d blocks (%,d transactions) live, rolled back %d reorg(s), now at %s%n",
          result.blocks(), result.transactions(), result.reorgs(), result.tip().map(BlockRef::toString).orElse("-"));

      out.printf("== 7. reconciling the eth schema with the devnet: every balance, every token holding%n");
      List<ReconciliationCheck> checks = support.reconciler(settings).reconcile(warehouse, ETH, 0, Long.MAX_VALUE, note -> {});
      long failed = checks.stream().filter(c -> !c.passed()).count();
      for (ReconciliationCheck c : checks) {
        out.printf("   %-4s %-26s %-34s %,8d checked  %s%n", c.passed() ? "PASS" : "FAIL", c.name(), c.scope(), c.checked(), c.detail());
      }
      out.printf("   %s%n", failed == 0 ? "all " + checks.size() + " checks passed" : failed + " of " + checks.size() + " checks FAILED");

      out.println("== 8. report");
      ChainReport.printEthereum(out, warehouse, "eth");
      out.println("-- metrics of the last day, and the month's report");
      DemoMetrics.show(
          out, warehouse, ETH, List.of("BlkCnt", "TxCnt", "FeeTotNtv", "AdrActCnt", "SplyCur", "TxTfrERC20Cnt"),
          warehouseDir.resolveSibling("eth-report.html"));
      out.printf("%nquery it with:%n  ./bds --data %s sql \"select * from eth.token_transfers limit 5\"%n", warehouseDir);
      out.flush();
      return failed == 0 ? 0 : 1;
    }
  }

  private void printActivity(EvmActivityCounts counts, Reorg reorg) {
    out.printf("   %d rounds, %d blocks mined:%n", counts.rounds(), counts.blocksMined());
    for (EvmActivityKind kind : EvmActivityKind.values()) {
      int n = counts.transactions().getOrDefault(kind, 0);
      if (n > 0) {
        out.printf("     %5d  %s%n", n, kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
      }
    }
    out.printf("   a reorg on the devnet: %d block(s) replaced, new tip %d%n", reorg.orphanedBlocks().size(), reorg.newTipHeight());
  }
}
