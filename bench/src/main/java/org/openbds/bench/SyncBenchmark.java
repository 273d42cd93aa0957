package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ChainFamily;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSettings;
import org.openbds.api.NodeSource;
import org.openbds.api.RetryPolicy;
import org.openbds.api.SplitOptions;
import org.openbds.bitcoin.regtest.BulkChainBuilder;
import org.openbds.bitcoin.regtest.RegtestNode;
import org.openbds.bitcoin.rpc.BitcoinRpcClient;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.FileTrees;
import org.openbds.core.ImportConfig;
import org.openbds.core.SyncConfig;
import org.openbds.core.SyncListener;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Live-sync speed against a real {@code litecoind -regtest}: a chain of large blocks (anyone-can-spend transactions
 * mined with {@code generateblock}) is synced from the node into a fresh warehouse and compared, in alternating rounds
 * of the same run, with the node's own raw-block throughput — a plain loop of {@code getblockhash} and {@code getblock <hash> 0} calls
 * that only reads the answers. Then the tip latency: blocks mined one at a time with {@code generatetoaddress} while
 * sync follows the node, each timed from the start of the mining call until a query on the warehouse returns it.
 */
public final class SyncBenchmark {
  /** One measured round: the node's loop, then a sync of the same chain into a fresh warehouse. */
  public record Round(double nodeLoopSeconds, double syncSeconds) {
    public double ratio() {
      return nodeLoopSeconds / syncSeconds;
    }
  }

  /** The measured rounds and the tip latencies. */
  public record Result(long blocks, long transactions, long bytes, double buildSeconds, List<Round> rounds, long[] tipLatencyMillis) {
    public Result {
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

    public long medianLatencyMillis() {
      long[] sorted = tipLatencyMillis.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }

    private static double median(double[] values) {
      double[] sorted = values.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
  }

  private static final ChainId LTC = new ChainId("ltc");
  /** Unmeasured passes of each kind first, so that both run compiled code on files in the page cache. */
  private static final int WARMUPS = 3;

  private final Path binary;
  private final Path workDirectory;
  private final long transactions;
  private final int transactionsPerBlock;
  private final int rounds;
  private final int latencySamples;
  private final ImportConfig importConfig;

  public SyncBenchmark(
      Path binary, Path workDirectory, long transactions, int transactionsPerBlock, int rounds, int latencySamples, ImportConfig importConfig) {
    this.importConfig = requireNonNull(importConfig, "importConfig is null");
    this.binary = requireNonNull(binary, "binary is null");
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    if (transactions < transactionsPerBlock || transactionsPerBlock < 1 || rounds < 1 || latencySamples < 1) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "need transactions >= per block >= 1, at least one round and at least one latency sample");
    }
    this.transactions = transactions;
    this.transactionsPerBlock = transactionsPerBlock;
    this.rounds = rounds;
    this.latencySamples = latencySamples;
  }

  public Result run(PrintWriter out) throws Exception {
    try (RegtestNode node = RegtestNode.start(binary, workDirectory.resolve("node"))) {
      long t0 = System.nanoTime();
      BulkChainBuilder bulk = BulkChainBuilder.start(node, 1);
      long first = node.rpc().blockCount() + 1;
      while (bulk.tally().transactions() < transactions) {
        bulk.buildBlock(transactionsPerBlock);
      }
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      long tip = node.rpc().blockCount();
      BitcoinRpcClient rpc = node.rpc();
      long chainTransactions = countTransactions(rpc, tip);
      out.printf("chain: %,d blocks of %,d transactions mined in %.1f s; node tip %d, %,d tx%n",
          bulk.tally().blocks(), transactionsPerBlock, buildSeconds, tip, chainTransactions);
      out.flush();

      ChainFamily family = ChainFamilies.load().forChain("ltc");
      ChainSupport support = family.open(LTC, "regtest", SplitOptions.defaults());
      NodeSettings settings = new NodeSettings(node.url(), Optional.empty(), Duration.ofSeconds(60), 2, RetryPolicy.upTo(Duration.ofSeconds(30)));
      long bytes = 0;
      for (int i = 1; i <= WARMUPS; i++) {
        long w0 = System.nanoTime();
        bytes = nodeLoop(rpc, tip);
        long w1 = System.nanoTime();
        Path warmupDir = workDirectory.resolve("warmup-" + i);
        sync(support, settings, warmupDir, tip, chainTransactions);
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
        Round round = new Round((n1 - n0) / 1e9, (s1 - n1) / 1e9);
        measured.add(round);
        out.printf("round %d: node loop %.2f s (cpu: node %.2f s, client %.2f s); sync %.2f s (cpu: node %.2f s, bds %.2f s) = %.0f%%%n",
            i, round.nodeLoopSeconds(), c1[0] - c0[0], c1[1] - c0[1], round.syncSeconds(), c2[0] - c1[0], c2[1] - c1[1], 100 * round.ratio());
        out.printf("  sync stages: resolving thread waiting for decoded blocks %.2f s, resolving %.2f s; writing thread appending %.2f s, committing %.2f s%n",
            r.timings().waitNanos() / 1e9, r.timings().resolveNanos() / 1e9, r.timings().writeNanos() / 1e9, r.timings().commitNanos() / 1e9);
        out.flush();
      }

      long[] latencies = new long[latencySamples];
      try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseDir);
          NodeSource source = support.node(settings)) {
        measureLatency(node, warehouse, support, source, latencies, bulk.coinbaseAddress());
      }
      return new Result(tip - first + 1, chainTransactions, bytes, buildSeconds, measured, latencies);
    }
  }

  /** Syncs the whole chain into a fresh warehouse (opened and closed in the time) and checks that it ends at the node's tip with every transaction. */
  private ChainSynchronizer.Result sync(ChainSupport support, NodeSettings settings, Path dir, long tip, long chainTransactions) {
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir);
        NodeSource source = support.node(settings)) {
      ChainSynchronizer.Result r =
          new ChainSynchronizer<>(warehouse, LTC, "regtest", support.splitter(), source, SyncConfig.defaults().withExitAtTip(true).withImportConfig(importConfig), new SyncListener() {})
              .run();
      if (r.tip().map(BlockRef::height).orElse(-1L) != tip || r.transactions() != chainTransactions) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "sync ended at " + r.tip() + " with " + r.transactions() + " tx, expected " + tip + " and " + chainTransactions);
      }
      return r;
    }
  }

  /**
   * The node's rate: one {@code getblockhash} and one {@code getblock <hash> 0} call per block, in order, each answer read
   * into the block's bytes by the client's cheapest path (the hex string is decoded straight from the response bytes).
   */
  private static long nodeLoop(BitcoinRpcClient rpc, long tip) {
    long bytes = 0;
    for (long h = 0; h <= tip; h++) {
      long height = h;
      Hash32 hash = rpc.blockHash(height).orElseThrow(() -> new BdsException(ErrorCode.NODE_LAGGING, "the node lost block " + height));
      bytes += rpc.rawBlocks(List.of(hash)).get(0).length;
    }
    return bytes;
  }

  private static long countTransactions(BitcoinRpcClient rpc, long tip) {
    long n = 0;
    for (long h = 0; h <= tip; h++) {
      n += rpc.call("getblockheader", rpc.call("getblockhash", h).asText()).get("nTx").asLong();
    }
    return n;
  }

  private void measureLatency(RegtestNode node, DuckDbWarehouse warehouse, ChainSupport support, NodeSource source, long[] latencies, String address)
      throws Exception {
    ConcurrentHashMap<Long, Long> visibleAt = new ConcurrentHashMap<>();
    CompletableFuture<BlockRef> caughtUp = new CompletableFuture<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void caughtUp(BlockRef tip, long nodeTip) {
            caughtUp.complete(tip);
          }

          @Override
          public void block(BlockPipeline.AppliedBlock block, long nodeTip) {
            // queryable: the sync thread reads the block back from the warehouse before recording the time
            List<List<Object>> rows = warehouse.query("SELECT hash FROM ltc.blocks WHERE height = ?", block.ref().height()).rows();
            if (rows.size() == 1 && Hash32.parse((String) rows.get(0).get(0)).equals(block.ref().hash())) {
              visibleAt.put(block.ref().height(), System.nanoTime());
            }
          }
        };
    ChainSynchronizer<?> follower =
        new ChainSynchronizer<>(warehouse, LTC, "regtest", support.splitter(), source, SyncConfig.defaults(), listener);
    CompletableFuture<ChainSynchronizer.Result> running = CompletableFuture.supplyAsync(follower::run);
    try {
      // blocks are timed only once the follower waits at the tip
      caughtUp.get(60, TimeUnit.SECONDS);
      List<Long> samples = new ArrayList<>();
      for (int i = 0; i < latencies.length; i++) {
        long started = System.nanoTime();
        long height = node.call("generatetoaddress", 1, address).size() == 1 ? node.rpc().blockCount() : -1;
        long deadline = started + TimeUnit.SECONDS.toNanos(30);
        while (!visibleAt.containsKey(height)) {
          if (System.nanoTime() > deadline || running.isDone()) {
            running.getNow(null);
            throw new BdsException(ErrorCode.NODE_LAGGING, "block " + height + " not in the warehouse within 30 s");
          }
          Thread.sleep(1);
        }
        latencies[i] = TimeUnit.NANOSECONDS.toMillis(visibleAt.get(height) - started);
        samples.add(latencies[i]);
        Thread.sleep(100 + (i * 37) % 200);
      }
    } finally {
      follower.stop();
      running.get(30, TimeUnit.SECONDS);
    }
  }
}
