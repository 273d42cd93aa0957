package org.openbds.bench;

import static java.util.Objects.requireNonNull;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
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
 * The metrics engine on a generated chain: every metric of the catalog computed from scratch over the chain up to the
 * last blocks of its last complete UTC day, then the incremental update after each of those blocks, imported one at a
 * time as a live sync would apply them: each update recomputes a full day. The values left by the updates are then
 * checked against a computation from scratch.
 */
public final class MetricsBenchmark {
  /** How far below the tip an earlier run's warehouse may end and still be reused (about a week of blocks). */
  private static final long REUSE_WINDOW_BLOCKS = 2_000;
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
  private final Store store;

  /** Where the chain is imported and its metrics computed. */
  public interface Store {
    /** Opens the warehouse (an empty one if there is none). */
    Warehouse open();

    /** Removes what an earlier run left, so that the chain is imported from nothing. */
    void reset();

    /** The embedded warehouse in {@code data}. */
    static Store embedded(Path data) {
      return new Store() {
        @Override
        public Warehouse open() {
          return DuckDbWarehouse.open(data);
        }

        @Override
        public void reset() {
          FileTrees.delete(data);
        }
      };
    }
  }

  public MetricsBenchmark(String chain, long transactions, int perBlock, int incrementalBlocks, long seed, Path workDirectory, ImportConfig config) {
    this(chain, transactions, perBlock, incrementalBlocks, seed, workDirectory, config, Store.embedded(workDirectory.resolve("data")));
  }

  public MetricsBenchmark(
      String chain, long transactions, int perBlock, int incrementalBlocks, long seed, Path workDirectory, ImportConfig config, Store store) {
    this.chain = requireNonNull(chain, "chain is null");
    this.transactions = transactions;
    this.perBlock = perBlock;
    this.incrementalBlocks = incrementalBlocks;
    this.seed = seed;
    this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    this.config = requireNonNull(config, "config is null");
    this.store = requireNonNull(store, "store is null");
  }

  public Result run(PrintWriter log) throws Exception {
    ChainProfile profile = ChainProfiles.load(chain);
    Path blocks = workDirectory.resolve("blocks-" + transactions + "-" + perBlock);
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
    ChainId id = new ChainId(chain);
    BitcoinSplitter splitter = new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false);
    // an earlier run's warehouse is kept if it holds the chain up to a few days before the tip: rolled back to it
    // (when longer) and brought forward from there
    boolean reuse;
    try (Warehouse w = store.open()) {
      reuse = reusable(w, id, tip - incrementalBlocks - REUSE_WINDOW_BLOCKS, tip - incrementalBlocks, log);
    }
    if (!reuse) {
      store.reset();
    }
    try (Warehouse warehouse = store.open()) {
      log.printf("importing heights 0..%,d of %,d blocks%n", tip - incrementalBlocks, tally.blocks());
      log.flush();
      importUpTo(warehouse, splitter, blocks, id, tip - incrementalBlocks);
      // the blocks added one at a time are the last ones of the last complete UTC day, so that each update recomputes
      // a full day, as on a live chain late in the day
      long dayEnd =
          scalar(warehouse, "SELECT max(height) FROM " + chain + ".blocks WHERE CAST(time AS DATE) < (SELECT CAST(time AS DATE) FROM "
              + chain + ".blocks WHERE height = (SELECT max(height) FROM " + chain + ".blocks))");
      long firstLive = dayEnd - incrementalBlocks + 1;
      if (firstLive < 1) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the generated chain is too short for a complete UTC day before its last");
      }
      rollBack(warehouse, id, firstLive - 1);
      MetricEngine engine = new MetricEngine(warehouse, MetricCatalog.load());
      log.printf("computing every metric from scratch over heights 0..%,d%n", firstLive - 1);
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
        long dayBlocks =
            scalar(warehouse, "SELECT count(*) FROM " + chain + ".blocks WHERE CAST(time AS DATE) = DATE '" + u.to().get() + "'");
        long dayTransactions =
            scalar(warehouse, "SELECT sum(tx_count) FROM " + chain + ".blocks WHERE CAST(time AS DATE) = DATE '" + u.to().get() + "'");
        log.printf("block %,d: metrics of %s .. %s (a day of %,d blocks, %,d transactions so far) updated in %d ms%n", firstLive + i,
            u.from().get(), u.to().get(), dayBlocks, dayTransactions, incremental[i]);
        log.flush();
      }
      checkAgainstFromScratch(warehouse, engine, id, log);
      return new Result(tally.transactions(), tally.blocks(), days, full.metrics(), full.took().toNanos() / 1e9, stored, incremental);
    }
  }

  /**
   * A warehouse left by an earlier run holds the chain up to at least {@code atLeast}: rolled back to {@code atMost} when
   * it holds more.
   */
  private static boolean reusable(Warehouse w, ChainId id, long atLeast, long atMost, PrintWriter log) {
    var tip = w.checkpoint(id);
    if (tip.isEmpty() || tip.get().height() < atLeast) {
      return false;
    }
    long height = Math.min(tip.get().height(), atMost);
    rollBack(w, id, height);
    log.printf("reusing the imported chain, at height %,d%n", height);
    return true;
  }

  /** Removes the blocks above {@code height}. */
  private static void rollBack(Warehouse w, ChainId id, long height) {
    String hash = (String) w.query("SELECT hash FROM " + id.value() + ".blocks WHERE height = ?", height).rows().get(0).get(0);
    w.ensureChain(id, ChainProfiles.SYNTHETIC, org.openbds.bitcoin.split.BitcoinTables.TABLES, org.openbds.bitcoin.split.BitcoinTables.VIEWS);
    try (var t = w.begin(id)) {
      t.deleteFromHeight(height + 1);
      t.commit(new org.openbds.api.BlockRef(height, org.openbds.api.Hash32.parse(hash)));
    }
  }

  /**
   * Fails unless the values left by the timed updates equal those of a computation from scratch over the same blocks, so
   * that a fast but wrong update cannot report a figure. (Not timed.)
   */
  private static void checkAgainstFromScratch(Warehouse warehouse, MetricEngine engine, ChainId id, PrintWriter log) {
    String s = id.value();
    warehouse.executeAtomically(List.of(
        "DROP TABLE IF EXISTS " + s + ".bench_incremental",
        "CREATE TABLE " + s + ".bench_incremental AS SELECT day, metric, instance, value FROM " + s + ".metrics"));
    engine.recompute(id, "bitcoin");
    long differing =
        scalar(warehouse, "SELECT count(*) FROM ((SELECT day, metric, instance, value FROM " + s + ".metrics EXCEPT ALL SELECT * FROM "
            + s + ".bench_incremental) UNION ALL (SELECT * FROM " + s + ".bench_incremental EXCEPT ALL SELECT day, metric, instance, value FROM "
            + s + ".metrics)) d");
    warehouse.executeAtomically(List.of("DROP TABLE " + s + ".bench_incremental"));
    if (differing != 0) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE,
          differing + " metric values after the incremental updates differ from a computation from scratch");
    }
    log.printf("checked: the values after the updates equal a computation from scratch%n");
    log.flush();
  }

  private static long scalar(Warehouse w, String sql) {
    return ((Number) w.query(sql).rows().get(0).get(0)).longValue();
  }

  private void importUpTo(Warehouse warehouse, BitcoinSplitter splitter, Path blocks, ChainId id, long height) {
    ChainProfile profile = ChainProfiles.load(chain);
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      new BlockImporter<>(warehouse, id, ChainProfiles.SYNTHETIC, splitter, config.withStopAfterHeight(height), p -> {}).run(source);
    }
  }
}
