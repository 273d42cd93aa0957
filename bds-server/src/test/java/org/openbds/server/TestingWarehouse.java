package org.openbds.server;

import java.nio.file.Path;
import java.util.OptionalLong;
import org.openbds.api.ChainId;
import org.openbds.api.Warehouse;
import org.openbds.bitcoin.blockfile.BlockFileSource;
import org.openbds.bitcoin.generate.GeneratorConfig;
import org.openbds.bitcoin.generate.SyntheticChainGenerator;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.split.BitcoinSplitter;
import org.openbds.core.BlockImporter;
import org.openbds.core.ImportConfig;
import org.openbds.duckdb.DuckDbWarehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricEngine;

/**
 * A real embedded warehouse for server tests: a deterministic synthetic {@code btc} chain (about two weeks of blocks,
 * a few transactions each) generated as block files, imported by the real importer, with every metric computed.
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
}
