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
 * mined with {@code generateblock}) is synced from the node into a fresh warehouse and compared, in the same run,
 * with the node's own raw-block throughput — a plain loop of {@code getblockhash} and {@code getblock <hash> 0} calls
 * that only reads the answers. Then the tip latency: blocks mined one at a time with {@code generatetoaddress} while
 * sync follows the node, each timed from the start of the mining call until a query on the warehouse returns it.
 */
public final class SyncBenchmark {
  /** The measured run. */
  public record Result(
      long blocks,
      long transactions,
      long bytes,
      double buildSeconds,
      double nodeLoopSeconds,
      double syncSeconds,
      long[] tipLatencyMillis) {
    public double nodeTransactionsPerSecond() {
      return transactions / nodeLoopSeconds;
    }

    public double syncTransactionsPerSecond() {
      return transactions / syncSeconds;
    }

    public double ratio() {
      return nodeLoopSeconds / syncSeconds;
    }

    public long medianLatencyMillis() {
      long[] sorted = tipLatencyMillis.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }
  }

  private static final ChainId LTC = new ChainId("ltc");
  private static final int WARMUP_SYNCS = 3;

  private final Path binary;
  private final Path workDirectory;
  private final long transactions;
  private final int transactionsPerBlock;
  private final int latencySamples;
  private final ImportConfig importConfig;

  public SyncBenchmark(Path binary, Path workDirectory, long transactions, int transactionsPerBlock, int latencySamples, ImportConfig importConfig) {
    this.importConfig = requireNonNull(importConfig, "importConfig is null");
    this.binary = requireNonNull(binary, "binary is null");
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    if (transactions < transactionsPerBlock || transactionsPerBlock < 1 || latencySamples < 1) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "need transactions >= per block >= 1 and at least one latency sample");
    }
    this.transactions = transactions;
    this.transactionsPerBlock = transactionsPerBlock;
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
      out.printf("chain: %,d blocks of %,d transactions mined in %.1f s; node tip %d%n", bulk.tally().blocks(), transactionsPerBlock, buildSeconds, tip);
      out.flush();

      // the node's own rate over the whole chain (the warm-up pass puts the block files in the page cache)
      BitcoinRpcClient rpc = node.rpc();
      long bytes = nodeLoop(rpc, tip);
      long n0 = System.nanoTime();
      double[] cpu0 = cpuSeconds(node.pid());
      nodeLoop(rpc, tip);
      double nodeSeconds = (System.nanoTime() - n0) / 1e9;
      double[] cpu1 = cpuSeconds(node.pid());
      long chainTransactions = countTransactions(rpc, tip);
      out.printf("node: getblockhash + getblock loop over %,d blocks (%,d tx, %,d MiB) in %.2f s (cpu: node %.2f s, client %.2f s)%n",
          tip + 1, chainTransactions, bytes >> 20, nodeSeconds, cpu1[0] - cpu0[0], cpu1[1] - cpu0[1]);
      out.flush();

      ChainFamily family = ChainFamilies.load().forChain("ltc");
      ChainSupport support = family.open(LTC, "regtest", SplitOptions.defaults());
      NodeSettings settings = new NodeSettings(node.url(), Optional.empty(), Duration.ofSeconds(60), 2, RetryPolicy.upTo(Duration.ofSeconds(30)));
      // warm-up syncs into throwaway warehouses until the compiler has settled, so that the measured run shows the
      // steady state a long catch-up runs in (the node's loop above is warmed up the same way)
      for (int i = 1; i <= WARMUP_SYNCS; i++) {
        Path warmupDir = workDirectory.resolve("warmup-" + i);
        try (DuckDbWarehouse warmup = DuckDbWarehouse.open(warmupDir);
            NodeSource source = support.node(settings)) {
          long w0 = System.nanoTime();
          new ChainSynchronizer<>(warmup, LTC, "regtest", support.splitter(), source, SyncConfig.defaults().withExitAtTip(true).withImportConfig(importConfig), new SyncListener() {})
              .run();
          out.printf("warm-up sync %d in %.2f s%n", i, (System.nanoTime() - w0) / 1e9);
        }
        FileTrees.delete(warmupDir);
      }
      Path warehouseDir = workDirectory.resolve("warehouse");
      double syncSeconds;
      long[] latencies = new long[latencySamples];
      try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(warehouseDir);
          NodeSource source = support.node(settings)) {
        long s0 = System.nanoTime();
        double[] c0 = cpuSeconds(node.pid());
        ChainSynchronizer.Result r =
            new ChainSynchronizer<>(warehouse, LTC, "regtest", support.splitter(), source, SyncConfig.defaults().withExitAtTip(true).withImportConfig(importConfig), new SyncListener() {})
                .run();
        syncSeconds = (System.nanoTime() - s0) / 1e9;
        double[] c1 = cpuSeconds(node.pid());
        if (r.tip().map(BlockRef::height).orElse(-1L) != tip || r.transactions() != chainTransactions) {
          throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "sync ended at " + r.tip() + " with " + r.transactions() + " tx, expected " + tip + " and " + chainTransactions);
        }
        out.printf("sync: %,d blocks, %,d tx in %.2f s (from genesis, every input resolved; cpu: node %.2f s, bds %.2f s)%n",
            r.blocks(), r.transactions(), syncSeconds, c1[0] - c0[0], c1[1] - c0[1]);
        out.printf("sync stages: resolving thread waiting for decoded blocks %.2f s, resolving %.2f s; writing thread appending %.2f s, committing %.2f s%n",
            r.timings().waitNanos() / 1e9, r.timings().resolveNanos() / 1e9, r.timings().writeNanos() / 1e9, r.timings().commitNanos() / 1e9);
        out.flush();
        measureLatency(node, warehouse, support, source, latencies, bulk.coinbaseAddress());
      }
      return new Result(tip - first + 1, chainTransactions, bytes, buildSeconds, nodeSeconds, syncSeconds, latencies);
    }
  }

  /** CPU seconds (user + system) used so far by the node process and by this process; zeros where /proc is missing. */
  private static double[] cpuSeconds(long nodePid) {
    return new double[] {cpuSecondsOf(String.valueOf(nodePid)), cpuSecondsOf("self")};
  }

  private static double cpuSecondsOf(String pid) {
    try {
      String stat = java.nio.file.Files.readString(Path.of("/proc", pid, "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat (utime, stime) in clock ticks, conventionally 100 per second on Linux
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long nodeLoop(BitcoinRpcClient rpc, long tip) {
    long bytes = 0;
    for (long h = 0; h <= tip; h++) {
      String hash = rpc.call("getblockhash", h).asText();
      bytes += rpc.call("getblock", hash, 0).asText().length() / 2;
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
