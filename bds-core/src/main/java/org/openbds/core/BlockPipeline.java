package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSplitter;
import org.openbds.api.ChainId;
import org.openbds.api.DecodedBlock;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.api.Warehouse;
import org.openbds.api.WriteTransaction;

/**
 * Applies blocks to one chain of the warehouse, in order, and owns the chain's position. Three stages overlap: blocks
 * are decoded on a pool of threads, resolved in order by the calling thread (the splitter's state, e.g. its
 * unspent-output index, lives there), and written by one writer thread that owns the warehouse transaction. Rows and
 * the new checkpoint are committed together every batch, so a kill at any instant leaves the warehouse at the last
 * committed block.
 *
 * <p>A pass ({@link #apply}) stops at the first block that does not extend the tip (its parent is not the tip, or its
 * height is not the tip's plus one) and reports it, so that the caller can handle a reorg. When the source or a decoder
 * fails, the blocks resolved before are committed and the failure is rethrown: nothing fetched is lost. When resolving
 * or writing fails, the open batch is rolled back and the splitter's state is rebuilt before the next pass.
 *
 * <p>Not thread-safe: one thread drives a pipeline.
 *
 * @param <D> the family's decoded block type
 */
public final class BlockPipeline<D extends DecodedBlock> implements AutoCloseable {
  /** A block applied in a pass (recorded when {@link #apply} is asked to). */
  public record AppliedBlock(BlockRef ref, int transactions, int bytes) {}

  /**
   * What a pass did.
   *
   * @param unlinked the first block that did not extend the tip; the pass stopped before it
   * @param applied the blocks applied, when recorded
   */
  public record Pass(
      Optional<BlockRef> tip,
      long blocks,
      long transactions,
      long bytes,
      Optional<BlockRef> unlinked,
      List<AppliedBlock> applied,
      ImportResult.Timings timings) {}

  private final Warehouse warehouse;
  private final ChainId chain;
  private final BlockSplitter<D> splitter;
  private final ImportConfig config;
  private final Consumer<ImportProgress> progress;
  private final ExecutorService decoders;
  private Optional<BlockRef> tip = Optional.empty();
  private boolean stale = true;

  public BlockPipeline(Warehouse warehouse, ChainId chain, BlockSplitter<D> splitter, ImportConfig config, Consumer<ImportProgress> progress) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.chain = requireNonNull(chain, "chain is null");
    this.splitter = requireNonNull(splitter, "splitter is null");
    this.config = requireNonNull(config, "config is null");
    this.progress = requireNonNull(progress, "progress is null");
    AtomicInteger threadNumber = new AtomicInteger();
    this.decoders =
        Executors.newFixedThreadPool(
            config.decodeThreads(),
            r -> {
              Thread t = new Thread(r, "decode-" + chain + "-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The last committed block (reads the warehouse and rebuilds the splitter's state when they may differ). */
  public Optional<BlockRef> tip() {
    refresh();
    return tip;
  }

  /** Forgets the in-memory state; the next call re-reads the checkpoint and rebuilds the splitter's state. */
  public void invalidate() {
    stale = true;
  }

  private void refresh() {
    if (stale) {
      tip = warehouse.checkpoint(chain);
      splitter.load(warehouse, chain);
      stale = false;
    }
  }

  /**
   * Removes every row of the blocks above {@code ancestor} and makes it the tip, in one transaction, and brings the
   * splitter's state in line: by undoing the removed blocks when the splitter can, else (or when {@code rebuild} is
   * set, e.g. after damage was found) by rebuilding it from the warehouse.
   */
  public void rollBackTo(BlockRef ancestor, boolean rebuild) {
    rollBackTo(ancestor, rebuild, Optional.empty());
  }

  /** As {@link #rollBackTo(BlockRef, boolean)}, storing the block queue's position with it (see {@link WriteTransaction#commit}). */
  public void rollBackTo(BlockRef ancestor, boolean rebuild, Optional<String> queuePosition) {
    refresh();
    long from = ancestor.height() + 1;
    stale = true;
    boolean undone = !rebuild && splitter.rollBack(warehouse, chain, from);
    try (WriteTransaction transaction = warehouse.begin(chain)) {
      transaction.deleteFromHeight(from);
      transaction.commit(ancestor, queuePosition);
    }
    tip = Optional.of(ancestor);
    if (undone) {
      stale = false;
    } else {
      refresh();
    }
  }

  /**
   * Applies {@code blocks} on top of the tip until they run out, {@code stopAfterHeight} is passed (-1: no limit) or a
   * block does not extend the tip.
   *
   * @param record whether to list every applied block in the result (for per-block reports when following a tip)
   */
  public Pass apply(Iterator<SourceBlock> blocks, OptionalLong expectedTip, long stopAfterHeight, boolean record) {
    return apply(blocks, expectedTip, stopAfterHeight, record, b -> Optional.empty());
  }

  /**
   * As {@link #apply(Iterator, OptionalLong, long, boolean)}, for blocks read from a block queue: each commit stores,
   * with the rows, the queue position {@code positions} gives for the batch's last block, so that a consumer resumes
   * right after what was committed.
   */
  public Pass apply(
      Iterator<SourceBlock> blocks, OptionalLong expectedTip, long stopAfterHeight, boolean record, Function<BlockRef, Optional<String>> positions) {
    refresh();
    long start = System.nanoTime();
    int window = config.decodeThreads() * 4;
    ArrayDeque<Future<D>> inFlight = new ArrayDeque<>(window);
    RowWriterStage writer = new RowWriterStage(warehouse, chain, start, expectedTip, progress);
    List<AppliedBlock> applied = new ArrayList<>();
    Optional<BlockRef> unlinked = Optional.empty();
    RuntimeException sourceFailure = null;
    BlockRef current = tip.orElse(null);
    long batchTransactions = 0;
    long batchBlocks = 0;
    long batchBytes = 0;
    long waitNanos = 0;
    long resolveNanos = 0;
    boolean finished = false;
    try {
      boolean more = true;
      while (true) {
        while (more && inFlight.size() < window) {
          SourceBlock next;
          try {
            if (!blocks.hasNext()) {
              more = false;
              break;
            }
            next = blocks.next();
          } catch (RuntimeException e) {
            // keep what was fetched before: the blocks in flight are applied and committed, then this is rethrown
            sourceFailure = e;
            more = false;
            break;
          }
          if (stopAfterHeight >= 0 && next.height() > stopAfterHeight) {
            more = false;
            break;
          }
          inFlight.add(decoders.submit(() -> splitter.decode(next)));
        }
        Future<D> head = inFlight.poll();
        if (head == null) {
          break;
        }
        long t0 = System.nanoTime();
        D block;
        try {
          block = await(head);
        } catch (RuntimeException e) {
          sourceFailure = e;
          break;
        }
        long t1 = System.nanoTime();
        waitNanos += t1 - t0;
        if (!extendsTip(current, block)) {
          unlinked = Optional.of(block.ref());
          break;
        }
        writer.rows(splitter.resolve(block));
        resolveNanos += System.nanoTime() - t1;
        current = block.ref();
        batchBlocks++;
        batchTransactions += block.transactionCount();
        batchBytes += block.sizeBytes();
        if (record) {
          applied.add(new AppliedBlock(block.ref(), block.transactionCount(), block.sizeBytes()));
        }
        if (batchTransactions >= config.batchTransactions() || batchBlocks >= config.maxBatchBlocks()) {
          writer.commit(current, positions.apply(current), batchBlocks, batchTransactions, batchBytes);
          batchBlocks = batchTransactions = batchBytes = 0;
        }
      }
      if (batchBlocks > 0) {
        writer.commit(current, positions.apply(current), batchBlocks, batchTransactions, batchBytes);
      }
      writer.finish();
      finished = true;
      tip = Optional.ofNullable(current);
    } finally {
      if (!finished) {
        writer.abort();
        // the splitter resolved blocks whose rows were rolled back
        stale = true;
      }
      for (Future<D> f : inFlight) {
        f.cancel(true);
      }
    }
    if (sourceFailure != null) {
      throw sourceFailure;
    }
    return new Pass(
        tip,
        writer.committedBlocks(),
        writer.committedTransactions(),
        writer.committedBytes(),
        unlinked,
        List.copyOf(applied),
        new ImportResult.Timings(waitNanos, resolveNanos, writer.writeNanos(), writer.commitNanos()));
  }

  private static boolean extendsTip(BlockRef tip, DecodedBlock block) {
    return tip == null || block.ref().height() == tip.height() + 1 && block.parent().equals(tip.hash());
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.IO_FAILURE, "interrupted while decoding", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, "decoding failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    decoders.shutdownNow();
  }
}
