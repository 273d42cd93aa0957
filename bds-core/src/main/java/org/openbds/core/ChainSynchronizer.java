package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSplitter;
import org.openbds.api.ChainId;
import org.openbds.api.DecodedBlock;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;
import org.openbds.api.NodeSource;
import org.openbds.api.SourceBlock;
import org.openbds.api.Warehouse;

/**
 * Live sync of one chain from a node: catches up from the checkpoint, then follows the node's tip until stopped.
 *
 * <p>Before every pass the warehouse tip is checked against the node's chain; when the node no longer has it (or a
 * fetched block does not extend it) the runtime walks back, height by height, to the highest block both hold, rolls
 * back every row above it in one transaction, and applies the node's branch from there. There is no depth limit: the
 * walk stops only at a common block (or fails with {@link ErrorCode#CHECKPOINT_MISMATCH} when none of the warehouse's
 * blocks is on the node's chain, e.g. a node of another network).
 *
 * <p>On start-up the block table is checked (every height once, each linked to its parent, nothing above the
 * checkpoint); damage is rolled back to the last sound block and synced again.
 *
 * <p>Crash safety comes from the pipeline: rows and checkpoint are committed together, so a process killed at any
 * instant restarts from its last commit and reaches the same warehouse as an uninterrupted run.
 *
 * <p>{@link #run} belongs to one thread; {@link #stop} may be called from any thread (e.g. a shutdown hook).
 */
public final class ChainSynchronizer<D extends DecodedBlock> {
  /**
   * What a run did.
   *
   * @param timings where the pipeline's ordered stages spent their time, summed over the run's passes
   */
  public record Result(
      Optional<BlockRef> startedAfter, Optional<BlockRef> tip, long blocks, long transactions, long reorgs, long elapsedNanos, ImportResult.Timings timings) {}

  private final Warehouse warehouse;
  private final ChainId chain;
  private final String network;
  private final BlockSplitter<D> splitter;
  private final NodeSource node;
  private final SyncConfig config;
  private final SyncListener listener;
  private volatile boolean stopRequested;

  public ChainSynchronizer(
      Warehouse warehouse, ChainId chain, String network, BlockSplitter<D> splitter, NodeSource node, SyncConfig config, SyncListener listener) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.network = requireNonNull(network, "network is null");
    this.splitter = requireNonNull(splitter, "splitter is null");
    this.node = requireNonNull(node, "node is null");
    this.config = requireNonNull(config, "config is null");
    this.listener = requireNonNull(listener, "listener is null");
  }

  /** Asks a running sync to stop after its current commit. */
  public void stop() {
    stopRequested = true;
  }

  public Result run() {
    long start = System.nanoTime();
    warehouse.ensureChain(chain, network, splitter.tables(), splitter.views());
    ChainIntegrity integrity = new ChainIntegrity(warehouse, chain, splitter.blockTable());
    long blocks = 0;
    long transactions = 0;
    long reorgs = 0;
    long wait = 0;
    long resolve = 0;
    long write = 0;
    long commit = 0;
    try (BlockPipeline<D> pipeline = new BlockPipeline<>(warehouse, chain, splitter, config.importConfig(), listener::progress)) {
      Optional<BlockRef> startedAfter = pipeline.tip();
      boolean bulkLoading = startedAfter.isEmpty();
      if (bulkLoading) {
        // a chain synced from nothing: lookup indexes are made in bulk once it has caught up
        warehouse.beginBulkLoad(chain);
      }
      repair(pipeline, integrity);
      node.rangeStartsAt(integrity.firstHeight().orElse(config.startHeight()));
      boolean caughtUp = false;
      while (!stopRequested) {
        long nodeTip = node.tipHeight();
        Optional<BlockRef> tip = pipeline.tip();
        if (tip.isPresent() && !node.hashAt(tip.get().height()).equals(Optional.of(tip.get().hash()))) {
          rollBackToCommonAncestor(pipeline, integrity, tip.get());
          reorgs++;
          continue;
        }
        long target = nodeTip - config.confirmations();
        long next = tip.map(t -> t.height() + 1).orElse(config.startHeight());
        if (next > target) {
          if (!caughtUp) {
            caughtUp = true;
            if (bulkLoading) {
              warehouse.endBulkLoad(chain);
              bulkLoading = false;
            }
            tip.ifPresent(t -> listener.caughtUp(t, nodeTip));
            tip.ifPresent(listener::settled);
          }
          if (config.exitAtTip()) {
            break;
          }
          node.awaitNewTip(tip.orElse(null), config.tipWait());
          continue;
        }
        BlockPipeline.Pass pass;
        try (NodeSource.BlockStream stream = node.blocks(next, target)) {
          pass = pipeline.apply(new Stoppable(stream), OptionalLong.of(target), -1, caughtUp);
        }
        blocks += pass.blocks();
        transactions += pass.transactions();
        wait += pass.timings().waitNanos();
        resolve += pass.timings().resolveNanos();
        write += pass.timings().writeNanos();
        commit += pass.timings().commitNanos();
        for (BlockPipeline.AppliedBlock b : pass.applied()) {
          listener.block(b, nodeTip);
        }
        if (caughtUp && pass.tip().isPresent()) {
          listener.settled(pass.tip().get());
        }
        if (pass.unlinked().isPresent() && pass.tip().isPresent()) {
          // the node reorganized while we fetched: the next round walks back from our tip
          continue;
        }
        if (pass.unlinked().isPresent()) {
          throw new BdsException(ErrorCode.BROKEN_CHAIN, "the node's block " + pass.unlinked().get() + " does not start the chain");
        }
      }
      if (bulkLoading) {
        warehouse.endBulkLoad(chain);
      }
      Optional<BlockRef> end = pipeline.tip();
      return new Result(
          startedAfter, end, blocks, transactions, reorgs, System.nanoTime() - start, new ImportResult.Timings(wait, resolve, write, commit));
    }
  }

  /** Start-up check of the block table; rolls damage back to the last sound block so that sync fills it again. */
  private void repair(BlockPipeline<D> pipeline, ChainIntegrity integrity) {
    Optional<ChainIntegrity.Damage> damage = integrity.check(pipeline.tip());
    if (damage.isEmpty()) {
      return;
    }
    ChainIntegrity.Damage d = damage.get();
    Optional<Long> first = integrity.firstHeight();
    Optional<Hash32> below = d.height() > first.orElse(Long.MAX_VALUE) ? integrity.hashAt(d.height() - 1) : Optional.empty();
    if (below.isEmpty()) {
      throw new BdsException(
          ErrorCode.WAREHOUSE_FAILURE,
          "chain " + chain + " is damaged at its first block " + d.height() + " (" + d.reason() + "); remove the chain's schema and sync again");
    }
    BlockRef ancestor = new BlockRef(d.height() - 1, below.get());
    pipeline.rollBackTo(ancestor, true);
    listener.repaired(d.height(), d.reason(), ancestor);
  }

  private void rollBackToCommonAncestor(BlockPipeline<D> pipeline, ChainIntegrity integrity, BlockRef tip) {
    long lowest = integrity.firstHeight().orElse(tip.height());
    for (long h = tip.height() - 1; h >= lowest; h--) {
      Optional<Hash32> ours = integrity.hashAt(h);
      if (ours.isPresent() && node.hashAt(h).equals(ours)) {
        BlockRef ancestor = new BlockRef(h, ours.get());
        pipeline.rollBackTo(ancestor, false);
        listener.reorg(tip, ancestor);
        return;
      }
    }
    throw new BdsException(
        ErrorCode.CHECKPOINT_MISMATCH,
        "none of the warehouse's blocks of " + chain + " (heights " + lowest + ".." + tip.height() + ") is on the chain of the node at "
            + node.endpoint() + ": is it a node of another network?");
  }

  /** Ends the pass early when a stop is requested; what was fetched is applied and committed. */
  private final class Stoppable implements java.util.Iterator<SourceBlock> {
    private final java.util.Iterator<SourceBlock> blocks;

    Stoppable(java.util.Iterator<SourceBlock> blocks) {
      this.blocks = blocks;
    }

    @Override
    public boolean hasNext() {
      return !stopRequested && blocks.hasNext();
    }

    @Override
    public SourceBlock next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return blocks.next();
    }
  }
}
