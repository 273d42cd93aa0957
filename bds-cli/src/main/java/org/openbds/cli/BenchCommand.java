package org.openbds.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.bench.EthSyncBenchmark;
import org.openbds.bench.ImportBenchmark;
import org.openbds.bench.XrpImportBenchmark;
import org.openbds.bench.ParseBenchmark;
import org.openbds.bench.SyncBenchmark;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.core.FileTrees;
import org.openbds.duckdb.DuckDbWarehouse;
import java.util.List;
import org.openbds.core.ImportConfig;
import org.openbds.ethereum.devnet.AnvilNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bds bench}: the benchmarks recorded in docs/BENCHMARKS.md. */
@Command(
    name = "bench",
    description = "Run a benchmark: 'import' (generated chain into DuckDB), 'parse' (decoding speed), 'sync' (live sync from a"
        + " litecoind -regtest against the node's own getblock rate, and tip latency) or 'eth-sync' (live sync from an anvil against"
        + " the node's own rate for the same calls), 'metrics' (every metric on a generated chain, then incremental updates), 'api' (the"
        + " API's reads on a generated 10M-transaction warehouse with a hot address, then 200 concurrent clients) or 'xrp-import'"
        + " (recorded XRP Ledger ledgers replayed at volume, imported with every check on).")
final class BenchCommand implements Callable<Integer> {
  @picocli.CommandLine.ParentCommand BdsCommand parent;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "WHAT", description = "import, parse, sync, eth-sync, metrics, api, forensics, queue, bds-queue or xrp-import")
  String what;

  @Option(names = "--txs", description = "import: transactions in the generated chain (default 2,000,000); sync: in the mined chain (default 200,000);"
      + " eth-sync: in the bulk load (default 100,000).")
  Long transactions;

  @Option(names = "--per-block", description = "sync: transactions per mined block (default 2,500); eth-sync: per bulk-load block (default 500, at most 1,000).")
  Integer perBlock;

  @Option(names = "--rounds", defaultValue = "5", description = "sync, eth-sync: measured rounds, each a node loop then a sync (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--rpc-concurrency", defaultValue = "2", description = "eth-sync: requests the sync keeps in flight (default: ${DEFAULT-VALUE}).")
  int rpcConcurrency;

  @Option(names = "--latency-samples", defaultValue = "50", description = "sync: blocks mined one by one to time the tip latency (default: ${DEFAULT-VALUE}).")
  int latencySamples;

  @Option(names = "--chain", defaultValue = "btc", description = "import: chain profile (default: ${DEFAULT-VALUE}).")
  String chain;

  @Option(names = "--seed", defaultValue = "1", description = "import: generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--work", description = "import: working directory (kept, and its generated chain reused); sync, eth-sync: working directory for the"
      + " node and the warehouses; default a temporary one, deleted after.")
  Path work;

  @Option(names = "--threads", description = "import, sync, eth-sync: decoding threads (default: available processors less two, at least one).")
  Integer threads;

  @Option(names = "--batch-tx", description = "import, sync, eth-sync: commit after this many transactions (default: the importer's).")
  Integer batchTransactions;

  @Option(names = "--blocks", defaultValue = "../shared/data/real/bitcoin-mainnet-raw", description = "parse: directory of raw mainnet block*.dat files (default: ${DEFAULT-VALUE}).")
  Path rawBlocks;

  @Option(names = "--ledgers", description = "xrp-import: ledgers replayed from the template (default 2,000).")
  Integer ledgers;

  @Option(names = "--template", defaultValue = "../shared/data/real/xrp/ledgers/XRPLF+xrpl4j/xrpl4j-core/src/test/resources/special-object-ledgers/ledger-result-94084608.json",
      description = "xrp-import: the recorded ledger answer to replay (default: the 83-transaction mainnet ledger 94084608).")
  Path xrpTemplate;

  @Option(names = "--seconds", defaultValue = "10", description = "parse: seconds per measurement (default: ${DEFAULT-VALUE}).")
  double seconds;

  @Option(names = "--hot-address-percent", defaultValue = "12", description = "api: share of payment outputs paid to one exchange-like address (default: ${DEFAULT-VALUE}).")
  int hotAddressPercent;

  @Option(names = "--samples", defaultValue = "1000", description = "api: requests per latency measurement (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(names = "--clients", defaultValue = "200", description = "api: concurrent clients of the load (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--load-seconds", defaultValue = "60", description = "api: seconds of the load (default: ${DEFAULT-VALUE}).")
  int loadSeconds;

  @Option(names = "--queue", description = "queue: the Kafka queue, kafka://host:port (default: a local broker started in the work directory).")
  String queueUrl;

  @Option(names = "--lag-rate", defaultValue = "0.8", description = "queue: the steady publishing rate of the lag run, as a share of the measured split rate"
      + " (default: ${DEFAULT-VALUE}; 0: no lag run).")
  double lagRate;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("machine: %d processors, %,d MiB max heap, Java %s%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    return switch (what) {
      case "import" -> importBenchmark(out);
      case "sync" -> syncBenchmark(out);
      case "eth-sync" -> ethSyncBenchmark(out);
      case "parse" -> parseBenchmark(out);
      case "metrics" -> metricsBenchmark(out);
      case "api" -> apiBenchmark(out);
      case "forensics" -> forensicsBenchmark(out);
      case "queue" -> queueBenchmark(out);
      case "bds-queue" -> bdsQueueBenchmark(out);
      case "xrp-import" -> xrpImportBenchmark(out);
      default -> throw new BdsException(ErrorCode.INVALID_ARGUMENT, "unknown benchmark '" + what + "'; use import, parse, sync, eth-sync, metrics, api, forensics, queue, bds-queue or xrp-import");
    };
  }

  private int parseBenchmark(PrintWriter out) throws IOException {
    var blocks = ParseBenchmark.loadRawBlocks(rawBlocks);
    if (blocks.isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no block*.dat files in " + rawBlocks);
    }
    out.printf("%d raw mainnet blocks from %s%n", blocks.size(), rawBlocks);
    for (ParseBenchmark.Result r : new ParseBenchmark(blocks, ChainProfiles.load("btc")).run(seconds, out)) {
      out.printf("parse: %.0f tx/s (%s)%n", r.perSecond(), r.name());
    }
    return 0;
  }

  private ImportConfig importConfig() {
    ImportConfig config = ImportConfig.defaults();
    if (threads != null) {
      config = config.withDecodeThreads(threads);
    }
    if (batchTransactions != null) {
      config = config.withBatchTransactions(batchTransactions);
    }
    return config;
  }

  private int xrpImportBenchmark(PrintWriter out) throws Exception {
    boolean temporary = work == null;
    Path dir = temporary ? Files.createTempDirectory("bds-bench-") : work;
    try {
      int count = ledgers == null ? 2_000 : ledgers;
      XrpImportBenchmark.Result r = new XrpImportBenchmark(xrpTemplate, count, dir, importConfig()).run(out);
      var i = r.importResult();
      out.printf("imported %,d ledgers, %,d transactions (%,d MiB of JSON) in %.2f s: %,.0f ledgers/s, %,.0f transactions/s%n",
          i.blocks(), i.transactions(), r.jsonBytes() >> 20, i.elapsedNanos() / 1e9, r.ledgersPerSecond(), i.transactionsPerSecond());
      out.printf("resolve thread: waiting for decoded ledgers %.1f s, resolving %.1f s; write thread: appending %.1f s, committing %.1f s%n",
          i.timings().waitNanos() / 1e9, i.timings().resolveNanos() / 1e9, i.timings().writeNanos() / 1e9, i.timings().commitNanos() / 1e9);
      out.printf("checked: every ledger and transaction stored, coins fell by exactly the fees burnt; warehouse %,d MiB%n",
          r.warehouseBytes() >> 20);
      return 0;
    } finally {
      if (temporary) {
        FileTrees.delete(dir);
      }
    }
  }

  private int importBenchmark(PrintWriter out) throws Exception {
    boolean temporary = work == null;
    Path dir = temporary ? Files.createTempDirectory("bds-bench-") : work;
    try {
      ImportConfig config = importConfig();
      ImportBenchmark.Result r = new ImportBenchmark(chain, transactions == null ? 2_000_000 : transactions, seed, dir, config).run(out);
      var i = r.importResult();
      out.printf("imported %,d blocks, %,d transactions (%,d inputs, %,d outputs) in %.2f s%n",
          i.blocks(), i.transactions(), r.tally().inputs(), r.tally().outputs(), i.elapsedNanos() / 1e9);
      out.printf("resolve thread: waiting for decoded blocks %.1f s, resolving %.1f s; write thread: appending %.1f s, committing %.1f s%n",
          i.timings().waitNanos() / 1e9, i.timings().resolveNanos() / 1e9, i.timings().writeNanos() / 1e9,
          i.timings().commitNanos() / 1e9);
      out.printf("checked: every input resolved; %,d unspent outputs worth %,d match the generator's tally%n",
          r.tally().unspentOutputs(), r.tally().unspentValue());
      out.printf("peak heap %,d MiB, peak resident %,d MiB, warehouse %,d MiB%n",
          r.peakHeapBytes() >> 20, r.peakResidentBytes() >> 20, r.warehouseBytes() >> 20);
      out.printf("import: %.0f tx/s%n", r.transactionsPerSecond());
      return 0;
    } finally {
      if (temporary) {
        FileTrees.delete(dir);
      }
    }
  }


  /** What a queue benchmark runs once a Kafka queue and a PostgreSQL server are there. */
  private interface QueueRun {
    void run(Path dir, org.openbds.api.BlockQueue queue, String postgresUrl) throws Exception;
  }

  /**
   * Runs {@code body} with the queue of {@code --queue} (else a local broker in the work directory) and the PostgreSQL
   * server of {@code --warehouse} (else a local one of its own), stopping what it started afterwards.
   */
  private int withQueueAndPostgres(PrintWriter out, QueueRun body) throws Exception {
    Path dir = work == null ? Files.createTempDirectory("bds-bench-queue-") : work;
    org.openbds.kafka.LocalKafka broker = null;
    Path pgDir = null;
    try {
      String url = queueUrl;
      if (url == null) {
        broker = org.openbds.kafka.LocalKafka.start(dir.resolve("kafka"), 0);
        url = broker.url();
        out.printf("started a local Kafka broker at %s%n", url);
      }
      String pgUrl = parent == null || parent.warehouse == null || parent.warehouse.isBlank() ? null : parent.warehouse;
      if (pgUrl == null) {
        // a server of its own, in a directory PostgreSQL's system user can reach
        pgDir = Files.createTempDirectory("bds-bench-postgres-");
        // the settings of a server sized for bulk loading (durable: fsync and full-page writes stay on)
        pgUrl = org.openbds.postgres.LocalPostgres.start(pgDir, 0, "bench", java.util.Map.of(
            "shared_buffers", "2GB", "max_wal_size", "8GB", "checkpoint_timeout", "15min", "wal_buffers", "64MB", "maintenance_work_mem", "512MB"))
            .url().withPassword();
        out.printf("started a local PostgreSQL server in %s%n", pgDir);
      }
      try (org.openbds.api.BlockQueue queue = Queues.open(url)) {
        body.run(dir, queue, pgUrl);
      }
      return 0;
    } finally {
      if (broker != null) {
        broker.stop();
      }
      if (pgDir != null) {
        org.openbds.postgres.LocalPostgres.stop(pgDir);
        FileTrees.delete(pgDir);
      }
      if (work == null) {
        FileTrees.delete(dir);
      }
    }
  }

  /** An empty chain in the PostgreSQL warehouse at {@code url}. */
  private org.openbds.api.Warehouse freshPostgres(String url) {
    org.openbds.api.Warehouse w = org.openbds.postgres.PostgresWarehouse.open(url);
    w.executeAtomically(List.of("DROP SCHEMA IF EXISTS " + chain + " CASCADE", "DELETE FROM main.bds_chains WHERE chain = '" + chain + "'"));
    return w;
  }

  private int queueBenchmark(PrintWriter out) throws Exception {
    return withQueueAndPostgres(out, (dir, queue, postgres) -> {
      int[] round = new int[1];
      List<org.openbds.bench.QueueBenchmark.Target> targets = List.of(
          new org.openbds.bench.QueueBenchmark.Target("DuckDB (embedded)", () -> {
            Path data = dir.resolve("data-" + round[0]++);
            FileTrees.delete(data);
            return DuckDbWarehouse.open(data);
          }),
          new org.openbds.bench.QueueBenchmark.Target("PostgreSQL", () -> freshPostgres(postgres)));
      new org.openbds.bench.QueueBenchmark(chain, transactions == null ? 1_000_000 : transactions, seed, dir, queue, targets, importConfig(), lagRate)
          .run(out);
    });
  }

  private int bdsQueueBenchmark(PrintWriter out) throws Exception {
    return withQueueAndPostgres(out, (dir, queue, postgres) ->
        new org.openbds.bench.BdsQueueBenchmark(chain, transactions == null ? 500_000 : transactions, perBlock == null ? 250 : perBlock, seed, dir, queue,
            () -> freshPostgres(postgres), importConfig()).run(out));
  }

  private int apiBenchmark(PrintWriter out) throws Exception {
    Path dir = work == null ? Files.createTempDirectory("bds-bench-api-") : work;
    try {
      org.openbds.bench.ApiBenchmark.Result r =
          new org.openbds.bench.ApiBenchmark(transactions == null ? 10_000_000 : transactions, hotAddressPercent, samples, clients, loadSeconds, dir)
              .run(out);
      out.printf("chain: %,d transactions; hot address: %,d transactions%n", r.transactions(), r.hotAddressTransactions());
      for (org.openbds.bench.ApiBenchmark.Latency l : r.latencies()) {
        out.printf("%-50s p99 %8.2f ms (median %.2f, max %.2f, %d requests)%n", l.what(), l.p99Ms(), l.medianMs(), l.maxMs(), l.samples());
      }
      out.printf("load: %,d requests in %.1f s by %d clients, %,d errors; p99 %.1f ms%n", r.loadRequests(), r.loadSeconds(), clients, r.loadErrors(),
          r.loadLatency().p99Ms());
      return r.loadErrors() == 0 ? 0 : 1;
    } finally {
      if (work == null) {
        FileTrees.delete(dir);
      }
    }
  }

  private int forensicsBenchmark(PrintWriter out) throws Exception {
    Path dir = work == null ? Files.createTempDirectory("bds-bench-forensics-") : work;
    try {
      org.openbds.bench.ApiBenchmark maker =
          new org.openbds.bench.ApiBenchmark(transactions == null ? 10_000_000 : transactions, hotAddressPercent, samples, clients, loadSeconds, dir);
      org.openbds.bench.ForensicsBenchmark.Result r = new org.openbds.bench.ForensicsBenchmark(maker, 10, 30).run(out);
      out.printf("chain: %,d transactions%n", r.transactions());
      out.printf("full clustering: %.2f s%n", r.fullSeconds());
      out.printf("a reorg: rollback %.2f s; then, warming up, %s ms%n", r.rollbackSeconds(), r.warmUpMillis());
      out.printf("incremental clustering, one block at a time: median %d ms, 90th percentile %d ms, max %d ms: %s%n", r.incrementalQuantile(0.5),
          r.incrementalQuantile(0.9), r.incrementalQuantile(1), r.incrementalMillis());
      for (org.openbds.bench.ForensicsBenchmark.TraceTime t : r.traces()) {
        out.printf("%s: %.3f s (%,d transactions)%n", t.what(), t.seconds(), t.transactions());
      }
      return 0;
    } finally {
      if (work == null) {
        FileTrees.delete(dir);
      }
    }
  }

  private int metricsBenchmark(PrintWriter out) throws Exception {
    Path dir = work == null ? Files.createTempDirectory("bds-bench-metrics-") : work;
    try {
      // the embedded warehouse under --work, or the PostgreSQL server --warehouse names
      String pgUrl = parent == null || parent.warehouse == null || parent.warehouse.isBlank() ? null : parent.warehouse;
      org.openbds.bench.MetricsBenchmark.Store store =
          pgUrl == null
              ? org.openbds.bench.MetricsBenchmark.Store.embedded(dir.resolve("data"))
              : new org.openbds.bench.MetricsBenchmark.Store() {
                @Override
                public org.openbds.api.Warehouse open() {
                  return org.openbds.postgres.PostgresWarehouse.open(pgUrl);
                }

                @Override
                public void reset() {
                  freshPostgres(pgUrl).close();
                }
              };
      org.openbds.bench.MetricsBenchmark.Result r =
          new org.openbds.bench.MetricsBenchmark(
                  chain, transactions == null ? 10_000_000 : transactions, perBlock == null ? 300 : perBlock, 5, seed, dir, importConfig(), store)
              .run(out);
      out.printf("chain: %,d transactions in %,d blocks over %,d UTC days%n", r.transactions(), r.blocks(), r.days());
      out.printf("full computation: %d metrics, %,d values in %.2f s%n", r.metrics(), r.storedValues(), r.fullSeconds());
      out.printf("incremental update after one new block: median %d ms, max %d ms over %d blocks%n",
          r.medianIncrementalMillis(), r.maxIncrementalMillis(), r.incrementalMillis().length);
      return 0;
    } finally {
      if (work == null) {
        FileTrees.delete(dir);
      }
    }
  }

  private int syncBenchmark(PrintWriter out) throws Exception {
    Path binary =
        org.openbds.bitcoin.regtest.RegtestNode.findBinary()
            .orElseThrow(() -> new BdsException(ErrorCode.INVALID_CONFIG, "litecoind is not installed (apt-get install litecoind)"));
    Path dir = work == null ? Files.createTempDirectory("bds-bench-sync-") : work;
    try {
      SyncBenchmark.Result r =
          new SyncBenchmark(binary, dir, transactions == null ? 200_000 : transactions, perBlock == null ? 2_500 : perBlock, rounds, latencySamples, importConfig())
              .run(out);
      out.printf("median of %d rounds: node getblock loop %.2f s = %,.0f tx/s; sync %.2f s = %,.0f tx/s; sync = %.0f%% of the node's rate%n",
          r.rounds().size(), r.medianNodeLoopSeconds(), r.nodeTransactionsPerSecond(), r.medianSyncSeconds(), r.syncTransactionsPerSecond(), 100 * r.ratio());
      out.printf("tip latency over %d blocks: median %d ms, max %d ms (from the start of generatetoaddress to a warehouse query returning the block)%n",
          r.tipLatencyMillis().length, r.medianLatencyMillis(), java.util.Arrays.stream(r.tipLatencyMillis()).max().orElse(0));
      return 0;
    } finally {
      if (work == null) {
        FileTrees.delete(dir);
      }
    }
  }

  private int ethSyncBenchmark(PrintWriter out) throws Exception {
    Path binary =
        AnvilNode.findBinary().orElseThrow(() -> new BdsException(ErrorCode.INVALID_CONFIG, "anvil is not installed (./bds test installs it into .tools)"));
    long txs = transactions == null ? 100_000 : transactions;
    if (txs > Integer.MAX_VALUE) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "eth-sync: --txs at most " + Integer.MAX_VALUE);
    }
    Path dir = work == null ? Files.createTempDirectory("bds-bench-eth-sync-") : work;
    try {
      EthSyncBenchmark.Result r =
          new EthSyncBenchmark(binary, dir, (int) txs, perBlock == null ? 500 : perBlock, rounds, rpcConcurrency, importConfig()).run(out);
      out.printf("rows: %s%n", r.rows());
      out.printf("median of %d rounds: node loop %.2f s = %,.0f tx/s; sync %.2f s = %,.0f tx/s; sync = %.0f%% of the node's rate%n",
          r.rounds().size(), r.medianNodeLoopSeconds(), r.nodeTransactionsPerSecond(), r.medianSyncSeconds(), r.syncTransactionsPerSecond(), 100 * r.ratio());
      return 0;
    } finally {
      if (work == null) {
        FileTrees.delete(dir);
      }
    }
  }
}
