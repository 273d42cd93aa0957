package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Consumer;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSource;
import org.openbds.api.BlockSplitter;
import org.openbds.api.ChainId;
import org.openbds.api.DecodedBlock;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;

/**
 * Applies the blocks of a finite source (block files) to the warehouse, in order, resuming after the chain's
 * checkpoint, through a {@link BlockPipeline}. Rows and the new checkpoint are committed together every batch, so a
 * kill at any point leaves the warehouse at the last committed block; a source or decoding failure commits the blocks
 * before it.
 *
 * <p>Every block must extend the previous one (its parent is the tip, its height the tip's plus one); anything else
 * stops the import with {@link ErrorCode#BROKEN_CHAIN}.
 *
 * @param <D> the family's decoded block type
 */
public final class BlockImporter<D extends DecodedBlock> {
  private final Warehouse warehouse;
  private final ChainId chain;
  private final String network;
  private final BlockSplitter<D> splitter;
  private final ImportConfig config;
  private final Consumer<ImportProgress> progress;

  public BlockImporter(
      Warehouse warehouse,
      ChainId chain,
      String network,
      BlockSplitter<D> splitter,
      ImportConfig config,
      Consumer<ImportProgress> progress) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.network = requireNonNull(network, "network is null");
    this.splitter = requireNonNull(splitter, "splitter is null");
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
  }

  public ImportResult run(BlockSource source) {
    long start = System.nanoTime();
    warehouse.ensureChain(chain, network, splitter.tables(), splitter.views());
    try (BlockPipeline<D> pipeline = new BlockPipeline<>(warehouse, chain, splitter, config, progress)) {
      Optional<BlockRef> checkpoint = pipeline.tip();
      if (config.stopAfterHeight() >= 0 && checkpoint.isPresent() && checkpoint.get().height() >= config.stopAfterHeight()) {
        return new ImportResult(checkpoint, checkpoint, 0, 0, 0, System.nanoTime() - start, ImportResult.Timings.NONE);
      }
      BlockPipeline.Pass pass = pipeline.apply(source.blocksAfter(checkpoint), source.expectedTip(), config.stopAfterHeight(), false);
      if (pass.unlinked().isPresent()) {
        throw new BdsException(
            ErrorCode.BROKEN_CHAIN,
            "block " + pass.unlinked().get() + " does not extend the warehouse tip " + pass.tip().map(BlockRef::toString).orElse("(none)")
                + " (blocks up to the tip are committed)");
      }
      return new ImportResult(
          checkpoint, pass.tip(), pass.blocks(), pass.transactions(), pass.bytes(), System.nanoTime() - start, pass.timings());
    }
  }
}
