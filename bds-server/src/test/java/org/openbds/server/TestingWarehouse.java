package org.openbds.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.openbds.api.BlockSource;
import org.openbds.api.ChainId;
import org.openbds.api.ChainSupport;
import org.openbds.api.SplitOptions;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.BlockImporter;
import org.openbds.core.ChainFamilies;
import org.openbds.core.ImportConfig;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;

/**
 * Real embedded warehouses for server tests: a deterministic synthetic {@code btc} chain (about two weeks of blocks,
 * a few transactions each) generated as block files, imported by the real importer, with every metric computed; and
 * recorded XRP Ledger mainnet ledgers imported as {@code bds import --chain xrp --ledgers} does.
 */
final class TestingWarehouse {
  private TestingWarehouse() {}

  static DuckDbWarehouse bitcoin(Path dir, long transactions) {
    ChainProfile profile = ChainProfiles.load("btc");
    Path blocks = dir.resolve("blocks");
    new SyntheticChainGenerator(
            GeneratorConfig.defaults(profile, blocks).withSeed(7).withTargetTransactions(transactions).withAverageTransactionsPerBlock(3))
        .generate();
    DuckDbWarehouse warehouse = DuckDbWarehouse.open(dir.resolve("data"));
    importBlocks(warehouse, blocks);
    new MetricEngine(warehouse, MetricCatalog.load()).update(new ChainId("btc"), "bitcoin");
    return warehouse;
  }

  /** Imports the {@code btc} block files in {@code blocks} (as {@link #bitcoin} generated them) into {@code warehouse}. */
  static void importBlocks(Warehouse warehouse, Path blocks) {
    ChainProfile profile = ChainProfiles.load("btc");
    BitcoinSplitter splitter = new BitcoinSplitter(profile, profile.network(ChainProfiles.SYNTHETIC), false);
    try (BlockFileSource source = BlockFileSource.open(blocks, profile.network(ChainProfiles.SYNTHETIC), OptionalLong.empty())) {
      new BlockImporter<>(warehouse, new ChainId("btc"), ChainProfiles.SYNTHETIC, splitter, ImportConfig.defaults(), p -> {}).run(source);
    }
  }

  /** Seven consecutive recorded mainnet ledgers, 11119612 to 11119618 (92 transactions). */
  static final long XRP_FIRST = 11119612L;
  static final long XRP_LAST = 11119618L;

  /**
   * The recorded ledgers {@link #XRP_FIRST}..{@link #XRP_LAST} imported as chain {@code xrp}, network mainnet, into
   * {@code warehouse}, read through a directory of links in {@code dir} (the shared data stays where it is).
   */
  static void importXrp(Warehouse warehouse, Path dir) {
    Path recorded = RealData.dir("xrp").resolve("ledgers/ripple+rippled-historical-database/test/mock/ledgers");
    Path links = dir.resolve("xrp-ledgers");
    try {
      Files.createDirectories(links);
      for (long i = XRP_FIRST; i <= XRP_LAST; i++) {
        Path link = links.resolve(i + ".json");
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, recorded.resolve(i + ".json"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChainId xrp = new ChainId("xrp");
    ChainSupport support = ChainFamilies.load().forChain(xrp.value()).open(xrp, "mainnet", SplitOptions.defaults());
    try (BlockSource source = support.blockFiles(links, OptionalLong.empty())) {
      new BlockImporter<>(warehouse, xrp, "mainnet", support.splitter(), ImportConfig.defaults(), p -> {}).run(source);
    }
  }
}
