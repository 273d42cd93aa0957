package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.api.TableSchema;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.FileTrees;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportResult;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.ethereum.devnet.AnvilNode;
import org.openbds.ethereum.devnet.BulkResult;
import org.openbds.ethereum.devnet.EvmActivity;
import org.openbds.ethereum.rpc.EthRpcClient;
import org.openbds.ethereum.split.EthTables;

/**
 * Live-sync speed against a real anvil: a chain with contract variety (seeded {@link EvmActivity} rounds: every
 * transaction type, ERC-20/721/1155, nested calls, creations, failures) and then a bulk load of ether and ERC-20
 * transfers is synced from the node into a fresh warehouse and compared, in alternating rounds of the same run, with
 * the node's own rate for the same calls — a plain sequential loop of {@code eth_getBlockByNumber(n, true)},
 * {@code eth_getBlockReceipts(n)} and {@code trace_block(n)} over every block, each answer read into a JSON tree.
 */
public final class EthSyncBenchmark {
  /**
   * One measured round: the node's loop, then a sync of the same chain into a fresh warehouse, with the CPU seconds of
   * anvil, of this process and of other work on the machine during each.
   */
  public record Round(
      double nodeLoopSeconds, double loopNodeCpu, double loopClientCpu, double loopOtherCpu,
      double syncSeconds, double syncNodeCpu, double syncBdsCpu, double syncOtherCpu, ImportResult.Timings timings) {
    public Round {
      requireNonNull(timings, "timings is null");
    }

    public double ratio() {
      return nodeLoopSeconds / syncSeconds;
    }
  }

  /** The chain and the measured rounds. */
  public record Result(long blocks, long transactions, Map<String, Long> rows, double buildSeconds, List<Round> rounds) {
    public Result {
      rows = Map.copyOf(rows);
      rounds = List.copyOf(rounds);
    }

    public double medianNodeLoopSeconds() {
      return median(rounds.stream().mapToDouble(Round::nodeLoopSeconds).toArray());
    }

    public double medianSyncSeconds() {
      return median(rounds.stream().mapToDouble(Round::syncSeconds).toArray());
    }

    public double nodeTransactionsPerSecond() {
      return transactions / medianNodeLoopSeconds();
    }

    public double syncTransactionsPerSecond() {
      return transactions / medianSyncSeconds();
    }

    /** The node's median loop time over the median sync time: the sync's share of the node's rate. */
    public double ratio() {
      return medianNodeLoopSeconds() / medianSyncSeconds();
    }

    private static double median(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  private static final ChainId ETH = new ChainId("eth");
  private static final String NETWORK = "dev";
  /** Unmeasured passes of each kind first, so that both run compiled code against a node that has served the chain before. */
  private static final int WARMUPS = 2;
  /** Seeded activity rounds before the bulk load: a few dozen transactions each, of every kind the activity makes. */
  private static final int ACTIVITY_ROUNDS = 40;
  private static final long SEED = 1;

  private final Path binary;
  private final Path workDirectory;
  private final int transactions;
  private final int transactionsPerBlock;
  private final int rounds;
  private final int rpcConcurrency;
  private final ImportConfig importConfig;

  public EthSyncBenchmark(
      Path binary, Path workDirectory, int transactions, int transactionsPerBlock, int rounds, int rpcConcurrency, ImportConfig importConfig) {
    this.binary = requireNonNull(binary, "binary is null");
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    this.importConfig = requireNonNull(importConfig, "importConfig is null");
    if (transactions < transactionsPerBlock || transactionsPerBlock < 1 || rounds < 1 || rpcConcurrency < 1) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "need transactions >= per block >= 1, at least one round and an RPC concurrency of at least one");
    }
    this.transactions = transactions;
    this.transactionsPerBlock = transactionsPerBlock;
    this.rounds = rounds;
    this.rpcConcurrency = rpcConcurrency;
  }

  public Result run(PrintWriter out) throws IOException {
    Files.createDirectories(workDirectory);
    try (AnvilNode node = AnvilNode.start(binary, workDirectory.resolve("node"))) {
      long t0 = System.nanoTime();
      EvmActivity activity = EvmActivity.start(node, SEED);
      activity.rounds(ACTIVITY_ROUNDS);
      int activityTransactions = activity.counts().totalTransactions();
      BulkResult bulk = activity.bulk(transactions, transactionsPerBlock);
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      EthRpcClient rpc = node.rpc();
      long tip = rpc.blockNumber();
      long chainTransactions = nodeLoop(rpc, tip);
      out.printf("chain: %,d blocks, %,d transactions (%d activity rounds of %,d transactions, then %,d ether and %,d ERC-20 transfers in blocks %d..%d, %,d a block)"
              + " built in %.1f s%n",
          tip + 1, chainTransactions, ACTIVITY_ROUNDS, activityTransactions, bulk.ethTransfers(), bulk.tokenTransfers(), bulk.firstBlock(), bulk.lastBlock(),
          transactionsPerBlock, buildSeconds);
      out.flush();

      ChainSupport support = ChainFamilies.load().forChain(ETH.value()).open(ETH, NETWORK, SplitOptions.defaults());
      NodeSettings settings = new NodeSettings(node.url(), Optional.empty(), Duration.ofSeconds(60), rpcConcurrency, RetryPolicy.upTo(Duration.ofSeconds(30)));
      Map<String, Long> rows = new TreeMap<>();
      for (int i = 1; i <= WARMUPS; i++) {
        long w0 = System.nanoTime();
        nodeLoop(rpc, tip);
        long w1 = System.nanoTime();
        Path warmupDir = workDirectory.resolve("warmup-" + i);
        sync(support, settings, warmupDir, tip, chainTransactions);
        if (i == 1) {
          rows.putAll(rowCounts(warmupDir));
        }
        FileTrees.delete(warmupDir);
        out.printf("warm-up %d: node loop %.2f s, sync %.2f s%n", i, (w1 - w0) / 1e9, (System.nanoTime() - w1) / 1e9);
        out.flush();
      }

      // rounds alternate the node's loop and a sync, so that both meet the same conditions of the machine
      List<Round> measured = new ArrayList<>();
      Path warehouseDir = workDirectory.resolve("warehouse");
      for (int i = 1; i <= rounds; i++) {
        FileTrees.delete(warehouseDir);
        double[] c0 = ProcessCpu.ofProcessSelfAndMachine(node.pid());
        long n0 = System.nanoTime();
        nodeLoop(rpc, tip);
        long n1 = System.nanoTime();
        double[] c1 = ProcessCpu.ofProcessSelfAndMachine(node.pid());
        ChainSynchronizer.Result r = sync(support, settings, warehouseDir, tip, chainTransactions);
        long s1 = System.nanoTime();
        double[] c2 = ProcessCpu.ofProcessSelfAndMachine(node.pid());
        Round round = new Round(
            (n1 - n0) / 1e9, c1[0] - c0[0], c1[1] - c0[1], other(c0, c1), (s1 - n1) / 1e9, c2[0] - c1[0], c2[1] - c1[1], other(c1, c2), r.timings());
        measured.add(round);
        out.printf("round %d: node loop %.2f s (cpu: anvil %.2f s, client %.2f s, other work %.2f s); sync %.2f s (cpu: anvil %.2f s, bds %.2f s, other work %.2f s) = %.0f%%%n",
            i, round.nodeLoopSeconds(), round.loopNodeCpu(), round.loopClientCpu(), round.loopOtherCpu(),
            round.syncSeconds(), round.syncNodeCpu(), round.syncBdsCpu(), round.syncOtherCpu(), 100 * round.ratio());
        out.printf("  sync stages: resolving thread waiting for decoded blocks %.2f s, resolving %.2f s; writing thread appending %.2f s, committing %.2f s%n",
            r.timings().waitNanos() / 1e9, r.timings().resolveNanos() / 1e9, r.timings().writeNanos() / 1e9, r.timings().commitNanos() / 1e9);
        out.flush();
      }
      FileTrees.delete(warehouseDir);
      return new Result(tip + 1, chainTransactions, rows, buildSeconds, measured);
    }
  }

  /** Syncs the whole chain into a fresh warehouse (opened and closed in the time) and checks that it ends at the node's tip with every transaction. */
  private ChainSynchronizer.Result sync(ChainSupport support, NodeSettings settings, Path dir, long tip, long chainTransactions) {
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir);
        NodeSource source = support.node(settings)) {
      ChainSynchronizer.Result r =
          new ChainSynchronizer<>(
                  warehouse, ETH, NETWORK, support.splitter(), source, SyncConfig.defaults().withExitAtTip(true).withImportConfig(importConfig), new SyncListener() {})
              .run();
      if (r.tip().map(BlockRef::height).orElse(-1L) != tip || r.transactions() != chainTransactions) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "sync ended at " + r.tip() + " with " + r.transactions() + " tx, expected " + tip + " and " + chainTransactions);
      }
      return r;
    }
  }

  /** CPU seconds the machine spent between two readings on anything but anvil and this process. */
  private static double other(double[] before, double[] after) {
    return Math.max(0, (after[2] - before[2]) - (after[0] - before[0]) - (after[1] - before[1]));
  }

  /** Rows per table of a synced warehouse. */
  private static Map<String, Long> rowCounts(Path dir) {
    Map<String, Long> rows = new TreeMap<>();
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir)) {
      for (TableSchema table : EthTables.TABLES) {
        rows.put(table.name(), ((Number) warehouse.query("SELECT COUNT(*) FROM " + ETH.value() + "." + table.name()).rows().get(0).get(0)).longValue());
      }
    }
    return rows;
  }

  /**
   * The node's rate: {@code eth_getBlockByNumber(n, true)}, {@code eth_getBlockReceipts(n)} and {@code trace_block(n)}
   * for every block, one request at a time, in order, each answer read into a JSON tree (the client's cheapest full
   * read). Returns the transactions, counted from the trees.
   */
  private static long nodeLoop(EthRpcClient rpc, long tip) {
    long transactions = 0;
    for (long h = 0; h <= tip; h++) {
      String number = "0x" + Long.toHexString(h);
      JsonNode block = rpc.call("eth_getBlockByNumber", number, true);
      JsonNode receipts = rpc.call("eth_getBlockReceipts", number);
      JsonNode traces = rpc.call("trace_block", number);
      if (block.isNull() || !receipts.isArray() || !traces.isArray()) {
        throw new BdsException(ErrorCode.NODE_LAGGING, "the node lost block " + h);
      }
      transactions += block.path("transactions").size();
    }
    return transactions;
  }
}
