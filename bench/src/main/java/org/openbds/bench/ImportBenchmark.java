package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.FileTrees;
import org.openbds.core.BlockImporter;
import org.openbds.core.ImportConfig;
import org.openbds.core.ImportResult;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * End-to-end import speed: a generated chain of {@code transactions} transactions is written as block files, then
 * imported into a fresh DuckDB warehouse with every input resolved. Only the import is timed. Afterwards the warehouse
 * is checked against the generator's own tally (every input resolved, the unspent set's count and value, fees), so a
 * fast but wrong import cannot pass.
 */
public final class ImportBenchmark {
  /** The measured run. */
  public record Result(
      GeneratorTally tally,
      double generateSeconds,
      ImportResult importResult,
      long peakHeapBytes,
      long peakResidentBytes,
      long warehouseBytes) {
    public double transactionsPerSecond() {
      return importResult.transactionsPerSecond();
    }
  }

  private final String chain;
  private final long transactions;
  private final long seed;
  private final Path workDirectory;
  private final ImportConfig config;

  public ImportBenchmark(String chain, long transactions, long seed, Path workDirectory, ImportConfig config) {
    this.chain = requireNonNull(chain, "chain is null");
    this.transactions = transactions;
    this.seed = seed;
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    this.config = requireNonNull(config, "config is null");
  }

  public Result run(PrintWriter log) {
    ChainProfile profile = ChainProfiles.load(chain);
    Path blocks = workDirectory.resolve("blocks");
    Path data = workDirectory.resolve("data");
    long t0 = System.nanoTime();
    GeneratorTally tally = generated(profile, transactions, seed, blocks, log);
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    FileTrees.delete(data);
    resetPeaks();
    ImportResult result;
    BitcoinSplitter splitter = new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false);
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data);
        BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      log.printf("importing with %d decode thread(s), batches of %,d transactions%n", config.decodeThreads(), config.batchTransactions());
      log.flush();
      result =
          new BlockImporter<>(warehouse, new ChainId(chain), ChainProfiles.SYNTHETIC, splitter, config, p -> {}).run(source);
      long peakHeap = peakHeap();
      long peakRss = peakResident();
      check(warehouse, tally, splitter);
      return new Result(tally, generateSeconds, result, peakHeap, peakRss, warehouse.sizeBytes());
    }
  }

  /** The generated chain in {@code blocks}: reused when it has {@code transactions} transactions, else generated. */
  static GeneratorTally generated(ChainProfile profile, long transactions, long seed, Path blocks, PrintWriter log) {
    return generated(profile, transactions, 0, seed, blocks, log);
  }

  /** As {@link #generated(ChainProfile, long, long, Path, PrintWriter)}, about {@code perBlock} transactions a block (0: the generator's default). */
  static GeneratorTally generated(ChainProfile profile, long transactions, int perBlock, long seed, Path blocks, PrintWriter log) {
    Path tallyFile = blocks.resolve(GeneratorTally.FILE_NAME);
    if (Files.exists(tallyFile) && GeneratorTally.read(tallyFile).transactions() == transactions) {
      log.printf("reusing generated chain in %s%n", blocks);
      return GeneratorTally.read(tallyFile);
    }
    FileTrees.delete(blocks);
    log.printf("generating %,d transactions (%s, seed %d) into %s%n", transactions, profile.chain(), seed, blocks);
    log.flush();
    long t0 = System.nanoTime();
    GeneratorConfig config = GeneratorConfig.defaults(profile, blocks).withSeed(seed).withTargetTransactions(transactions);
    if (perBlock > 0) {
      config = config.withAverageTransactionsPerBlock(perBlock);
    }
    GeneratorTally tally = new SyntheticChainGenerator(config).generate();
    log.printf("generated %,d blocks, %,d transactions in %.1f s%n", tally.blocks(), tally.transactions(), (System.nanoTime() - t0) / 1e9);
    return tally;
  }

  private void check(DuckDbWarehouse w, GeneratorTally tally, BitcoinSplitter splitter) {
    check(w, chain, tally, splitter);
  }

  /** Fails unless the warehouse holds exactly the generated chain: counts, fees, every input resolved, the unspent set. */
  static void check(org.openbds.api.Warehouse w, String chain, GeneratorTally tally, BitcoinSplitter splitter) {
    if (splitter != null && splitter.unresolvedInputs() != 0) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, splitter.unresolvedInputs() + " inputs were not resolved");
    }
    String s = chain;
    QueryResult r =
        w.query(
            "SELECT (SELECT COUNT(*) FROM " + s + ".transactions),"
                + " (SELECT COUNT(*) FROM " + s + ".tx_inputs WHERE NOT is_coinbase),"
                + " (SELECT COUNT(*) FROM " + s + ".tx_outputs),"
                + " (SELECT CAST(SUM(fee) AS BIGINT) FROM " + s + ".blocks),"
                + " (SELECT COUNT(*) FROM " + s + ".tx_inputs WHERE NOT is_coinbase AND value IS NULL)");
    List<Object> row = r.rows().get(0);
    expect("transactions", tally.transactions(), row.get(0));
    expect("inputs", tally.inputs(), row.get(1));
    expect("outputs", tally.outputs(), row.get(2));
    expect("fees", tally.totalFees(), row.get(3));
    expect("inputs without value", 0, row.get(4));
    if (splitter != null) {
      expect("unspent outputs", tally.unspentOutputs(), splitter.unspentOutputs());
    }
    List<Object> utxo =
        w.query(
                "SELECT COUNT(*), CAST(SUM(o.value) AS BIGINT) FROM " + s + ".tx_outputs o WHERE o.script_type <> 'op_return'"
                    + " AND NOT EXISTS (SELECT 1 FROM " + s + ".tx_inputs i WHERE i.spent_tx_id = o.tx_id AND i.spent_vout = o.vout)")
            .rows()
            .get(0);
    expect("unspent outputs in the warehouse", tally.unspentOutputs(), utxo.get(0));
    expect("unspent value in the warehouse", tally.unspentValue(), utxo.get(1));
  }

  private static void expect(String what, long expected, Object actual) {
    long a = ((Number) actual).longValue();
    if (a != expected) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, what + ": warehouse has " + a + ", generator tally says " + expected);
    }
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The process's peak resident set (VmHWM), which includes DuckDB's native memory; -1 where unknown. */
  private static long peakResident() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

}
