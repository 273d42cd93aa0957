package org.openbds.cli;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.SplitOptions;
import org.openbds.api.ReadAccess;
import org.openbds.api.Warehouse;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportProgress;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.forensics.cluster.ClusterConfig;
import org.openbds.forensics.cluster.UtxoWarehouseClustering;
import org.openbds.metrics.MetricEngine;
import org.openbds.metrics.MetricUpdate;
import org.openbds.server.ApiKeys;
import org.openbds.server.ApiServer;
import org.openbds.server.ChainStatus;
import org.openbds.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code bds sync}: catches up with a node over JSON-RPC from the warehouse's checkpoint, then follows the node's tip
 * (one line per new block) until Ctrl-C, or until the tip with {@code --exit-at-tip}. Reorgs of any depth are rolled
 * back; the block table is checked and repaired on start-up.
 */
@Command(name = "sync", description = "Sync a chain from a node's JSON-RPC interface and follow its tip.")
final class SyncCommand implements Callable<Integer> {
  @ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Option(names = "--chain", required = true, description = "Chain id: btc, ltc, bch, doge, bsv (Bitcoin family), eth, etc (Ethereum family), xrp (XRP Ledger).")
  String chain;

  @Option(names = "--network", description = "The chain's network: mainnet, testnet, regtest (Bitcoin family); mainnet, sepolia, holesky, mordor, dev (Ethereum family); mainnet, testnet, devnet (XRP Ledger)."
          + " Default: the warehouse's network for the chain, else mainnet.")
  String network;






  @Option(names = "--confirmations", defaultValue = "0", description = "Apply a block only when this many blocks are on top of it (default: ${DEFAULT-VALUE}).")
  int confirmations;

  @Option(names = "--start-height", defaultValue = "0", description = "First height to sync into an empty warehouse (default: ${DEFAULT-VALUE}).")
  long startHeight;

  @Mixin NodeOptions nodeOptions;

  @Option(names = "--exit-at-tip", description = "Stop once the warehouse has reached the node's tip instead of following it.")
  boolean exitAtTip;

  @Option(names = "--threads", description = "Decoding threads (default: available processors less two, at least one).")
  Integer threads;

  @Option(names = "--batch-tx", defaultValue = "500000", description = "While catching up, commit after this many transactions (default: ${DEFAULT-VALUE}).")
  int batchTransactions;

  @Option(names = "--input-scripts", description = "Also store every input's script and witness bytes (Bitcoin family).")
  boolean inputScripts;


  @Option(names = "--no-metrics", description = "Do not keep the chain's metrics current while following the tip.")
  boolean noMetrics;

  @Option(names = "--no-clusters", description = "Do not keep the chain's address clusters current (kept when bds cluster made them once).")
  boolean noClusters;

  @Option(names = "--serve", description = "Also serve the API and web app (as bds serve) while syncing, with the sync's status and lag.")
  boolean serve;

  @Option(names = "--port", description = "With --serve: TCP port (default 8080).")
  Integer port;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "With --serve: a server setting (repeatable; see docs/api.md).")
  java.util.Map<String, String> serverSettings = new java.util.LinkedHashMap<>();

  @Mixin MetricsCommand.References references;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ChainFamily family = ChainFamilies.load().forChain(chain);
    ChainId id = new ChainId(chain);
    ImportConfig importConfig = ImportConfig.defaults().withBatchTransactions(batchTransactions);
    if (threads != null) {
      importConfig = importConfig.withDecodeThreads(threads);
    }
    SyncConfig config =
        SyncConfig.defaults().withConfirmations(confirmations).withStartHeight(startHeight).withExitAtTip(exitAtTip).withImportConfig(importConfig);
    NodeSettings settings = nodeOptions.settings();
    CountDownLatch done = new CountDownLatch(1);
    try (Warehouse warehouse = Warehouses.open(parent)) {
      String net = network(warehouse, id);
      ChainSupport support = family.open(id, net, new SplitOptions(inputScripts));
      try (NodeSource node = support.node(settings)) {
        Optional<MetricEngine> metrics = noMetrics ? Optional.empty() : Optional.of(new MetricEngine(warehouse, references.catalog()));
        Reporter reporter = new Reporter(out, err, exitAtTip, metrics, id, family.name());
        ChainStatus status = new ChainStatus();
        Optional<ApiServer> server = serve ? Optional.of(server(warehouse, status, out)) : Optional.empty();
        SyncListener listener = serve ? new TeeListener(reporter, status.listener(chain)) : reporter;
        if (!noClusters && family.name().equals("bitcoin")) {
          Optional<ClusterConfig> clusters = UtxoWarehouseClustering.stored(warehouse, id);
          if (clusters.isPresent()) {
            listener = new TeeListener(listener, new ClusterUpdates(warehouse, id, clusters.get(), out));
          }
        }
        ChainSynchronizer<?> sync = new ChainSynchronizer<>(warehouse, id, net, support.splitter(), node, config, listener);
        Thread hook =
            new Thread(
                () -> {
                  sync.stop();
                  try {
                    done.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "sync-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("syncing %s (%s) from %s into %s%n", id, net, node.endpoint(), parent.data);
        out.flush();
        ChainSynchronizer.Result result;
        try {
          result = sync.run();
        } catch (RuntimeException e) {
          status.error(chain, e.getMessage());
          throw e;
        } finally {
          server.ifPresent(ApiServer::close);
          reporter.progress.finish();
          try {
            Runtime.getRuntime().removeShutdownHook(hook);
          } catch (IllegalStateException e) {
            // the JVM is shutting down (Ctrl-C): the hook is waiting for this run to end
          }
        }
        out.printf(
            "stopped at %s: %,d blocks and %,d transactions applied, %d reorg(s), %.1f s%n",
            result.tip().map(BlockRef::toString).orElse("(no blocks)"),
            result.blocks(),
            result.transactions(),
            result.reorgs(),
            result.elapsedNanos() / 1e9);
      }
    } finally {
      done.countDown();
    }
    return 0;
  }

  private ApiServer server(Warehouse warehouse, ChainStatus status, PrintWriter out) {
    if (!(warehouse instanceof ReadAccess access)) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "this warehouse cannot be served");
    }
    ServerConfig config = ServerConfig.fromSettings(ServeCommand.settings(null, serverSettings, null, port));
    ApiServer server = new ApiServer(config, ApiKeys.load(parent.data), access, ChainFamilies.load(), references.catalog(), status, System.err);
    int bound = server.start();
    out.printf("serving the API and web app on http://%s:%d/%n", config.host(), bound);
    return server;
  }

  private String network(Warehouse warehouse, ChainId id) {
    Optional<String> existing = warehouse.network(id);
    if (network != null) {
      if (existing.isPresent() && !existing.get().equals(network)) {
        throw new BdsException(
            ErrorCode.INVALID_ARGUMENT, "the warehouse holds " + id + " " + existing.get() + ", not " + network + " (use another --data directory)");
      }
      return network;
    }
    return existing.orElse("mainnet");
  }

  /** Progress while catching up, then one line per block. */
  private static final class Reporter implements SyncListener {
    private final PrintWriter out;
    private final ProgressPrinter progress;
    private final boolean exitAtTip;
    private final Optional<MetricEngine> metrics;
    private final ChainId chain;
    private final String family;
    private boolean following;

    Reporter(PrintWriter out, PrintWriter err, boolean exitAtTip, Optional<MetricEngine> metrics, ChainId chain, String family) {
      this.out = out;
      this.exitAtTip = exitAtTip;
      this.metrics = metrics;
      this.chain = chain;
      this.family = family;
      this.progress = new ProgressPrinter(err, System.console() != null);
    }

    @Override
    public void progress(ImportProgress p) {
      if (!following) {
        progress.accept(p);
      }
    }

    @Override
    public void caughtUp(BlockRef tip, long nodeTip) {
      progress.finish();
      following = true;
      out.printf("at the node's tip: %s (node height %,d)%s%n", tip, nodeTip, exitAtTip ? "" : "; following new blocks");
      out.flush();
    }

    /** New blocks are committed: the days they touch (or a reorg's days) get their metrics recomputed. */
    @Override
    public void settled(BlockRef tip) {
      if (metrics.isEmpty()) {
        return;
      }
      MetricUpdate u = metrics.get().update(chain, family);
      if (u.changed()) {
        out.printf("metrics: %s .. %s %s in %d ms%n", u.from().get(), u.to().get(), u.full() ? "computed" : "updated", u.took().toMillis());
        out.flush();
      }
    }

    @Override
    public void block(BlockPipeline.AppliedBlock b, long nodeTip) {
      out.printf("block %,d %s  %,d tx  %,d bytes%n", b.ref().height(), b.ref().hash(), b.transactions(), b.bytes());
      out.flush();
    }

    @Override
    public void reorg(BlockRef oldTip, BlockRef ancestor) {
      out.printf(
          "reorg: rolled back %d block(s), heights %,d..%,d, to the common ancestor %s%n",
          oldTip.height() - ancestor.height(), ancestor.height() + 1, oldTip.height(), ancestor);
      out.flush();
    }

    @Override
    public void repaired(long height, String reason, BlockRef ancestor) {
      out.printf("repair: the warehouse was damaged at height %,d (%s); rolled back to %s and syncing again%n", height, reason, ancestor);
      out.flush();
    }
  }
}
