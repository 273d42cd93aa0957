package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.GeneratorTally;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.BlockImporter;
import org.openbds.core.FileTrees;
import org.openbds.core.ImportConfig;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;
import org.openbds.metrics.MetricUpdate;

/**
 * The metrics engine on a generated chain: every metric of the catalog computed from scratch over the whole chain, then
 * the incremental update after each of the last few blocks, imported one at a time as a live sync would apply them.
 */
public final class MetricsBenchmark {
  /** What was measured. */
  public record Result(
      long transactions, long blocks, long days, int metrics, double fullSeconds, long storedValues, long[] incrementalMillis) {
    public long medianIncrementalMillis() {
      long[] sorted = incrementalMillis.clone();
      Arrays.sort(sorted);
      return sorted[sorted.length / 2];
    }

    public long maxIncrementalMillis() {
      return Arrays.stream(incrementalMillis).max().orElse(0);
    }
  }

  private final String chain;
  private final long transactions;
  private final int perBlock;
  private final int incrementalBlocks;
  private final long seed;
  private final Path workDirectory;
  private final ImportConfig config;

  public MetricsBenchmark(String chain, long transactions, int perBlock, int incrementalBlocks, long seed, Path workDirectory, ImportConfig config) {
    this.chain = requireNonNull(chain, "chain is null");
    this.transactions = transactions;
    this.perBlock = perBlock;
    this.incrementalBlocks = incrementalBlocks;
    this.seed = seed;
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    this.config = requireNonNull(config, "config is null");
  }

  public Result run(PrintWriter log) throws Exception {
    ChainProfile profile = ChainProfiles.load(chain);
    Path blocks = workDirectory.resolve("blocks-" + transactions + "-" + perBlock);
    Path data = workDirectory.resolve("data");
    Path tallyFile = blocks.resolve(GeneratorTally.FILE_NAME);
    GeneratorTally tally;
    if (Files.exists(tallyFile)) {
      tally = GeneratorTally.read(tallyFile);
      log.printf("reusing generated chain in %s%n", blocks);
    } else {
      FileTrees.delete(blocks);
      log.printf("generating %,d transactions (%s, seed %d, about %,d per block) into %s%n", transactions, chain, seed, perBlock, blocks);
      log.flush();
      tally =
          new SyntheticChainGenerator(
                  GeneratorConfig.defaults(profile, blocks).withSeed(seed).withTargetTransactions(transactions).withAverageTransactionsPerBlock(perBlock))
              .generate();
    }
    long tip = tally.blocks() - 1;
    long firstLive = tip - incrementalBlocks + 1;
    ChainId id = new ChainId(chain);
    BitcoinSplitter splitter = new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false);
    if (!reusable(data, id, firstLive - 1, log)) {
      FileTrees.delete(data);
    }
    try (DuckDbWarehouse warehouse = DuckDbWarehouse.open(data)) {
      log.printf("importing heights 0..%,d of %,d blocks%n", firstLive - 1, tally.blocks());
      log.flush();
      importUpTo(warehouse, splitter, blocks, id, firstLive - 1);
      MetricEngine engine = new MetricEngine(warehouse, MetricCatalog.load());
      log.printf("computing every metric from scratch%n");
      log.flush();
      MetricUpdate full = engine.recompute(id, "bitcoin");
      long days = scalar(warehouse, "SELECT count(DISTINCT day) FROM " + chain + ".metrics_blocks");
      long stored = scalar(warehouse, "SELECT count(*) FROM " + chain + ".metrics");
      log.printf("full: %d metrics over %,d days in %.2f s (%,d values)%n", full.metrics(), days, full.took().toNanos() / 1e9, stored);
      log.flush();
      // then block by block, on the same open warehouse, as a live sync applies them
      long[] incremental = new long[incrementalBlocks];
      for (int i = 0; i < incrementalBlocks; i++) {
        importUpTo(warehouse, splitter, blocks, id, firstLive + i);
        MetricUpdate u = engine.update(id, "bitcoin");
        if (!u.changed() || u.full()) {
          throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "the update after block " + (firstLive + i) + " was not incremental: " + u);
        }
        incremental[i] = u.took().toMillis();
        log.printf("block %,d: metrics of %s .. %s updated in %d ms%n", firstLive + i, u.from().get(), u.to().get(), incremental[i]);
        log.flush();
      }
      return new Result(tally.transactions(), tally.blocks(), days, full.metrics(), full.took().toNanos() / 1e9, stored, incremental);
    }
  }

  /** A warehouse left by an earlier run holds the chain up to at least {@code height}: rolls it back to there. */
  private static boolean reusable(Path data, ChainId id, long height, PrintWriter log) {
    if (!Files.exists(data.resolve(DuckDbWarehouse.FILE_NAME))) {
      return false;
    }
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      var tip = w.checkpoint(id);
      if (tip.isEmpty() || tip.get().height() < height) {
        return false;
      }
      String hash = (String) w.query("SELECT hash FROM " + id.value() + ".blocks WHERE height = ?", height).rows().get(0).get(0);
      w.ensureChain(id, ChainProfiles.SYNTHETIC, org.openbds.bitcoin.split.BitcoinTables.TABLES, org.openbds.bitcoin.split.BitcoinTables.VIEWS);
      try (var t = w.begin(id)) {
        t.deleteFromHeight(height + 1);
        t.commit(new org.openbds.api.BlockRef(height, org.openbds.api.Hash32.parse(hash)));
      }
      log.printf("reusing the imported warehouse in %s, rolled back to height %,d%n", data, height);
      return true;
    }
  }

  private static long scalar(DuckDbWarehouse w, String sql) {
    return ((Number) w.query(sql).rows().get(0).get(0)).longValue();
  }

  private void importUpTo(DuckDbWarehouse warehouse, BitcoinSplitter splitter, Path blocks, ChainId id, long height) {
    ChainProfile profile = ChainProfiles.load(chain);
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      new BlockImporter<>(warehouse, id, ChainProfiles.SYNTHETIC, splitter, config.withStopAfterHeight(height), p -> {}).run(source);
    }
  }
}
