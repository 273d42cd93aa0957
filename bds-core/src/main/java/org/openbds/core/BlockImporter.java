package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockSource;
import org.openbds.api.BlockSplitter;
import org.openbds.api.ChainId;
import org.openbds.api.DecodedBlock;
import org.openbds.api.ErrorCode;
import org.openbds.api.SourceBlock;
import org.openbds.api.Warehouse;

/**
 * Applies the blocks of a source to the warehouse, in order, resuming after the chain's checkpoint. Three stages
 * overlap: blocks are decoded on a pool of threads, resolved in order by the calling thread (the splitter's state,
 * e.g. its unspent-output index, lives there), and written by one writer thread that owns the warehouse transaction.
 * Rows and the new checkpoint are committed together every batch, so a failure or a kill at any point leaves the
 * warehouse at the last committed block.
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
    Optional<BlockRef> checkpoint = warehouse.checkpoint(chain);
    splitter.load(warehouse, chain);
    if (config.stopAfterHeight() >= 0 && checkpoint.isPresent() && checkpoint.get().height() >= config.stopAfterHeight()) {
      return new ImportResult(checkpoint, checkpoint, 0, 0, 0, System.nanoTime() - start, ImportResult.Timings.NONE);
    }
    Iterator<SourceBlock> blocks = source.blocksAfter(checkpoint);
    OptionalLong expectedTip = source.expectedTip();

    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            config.decodeThreads(),
            r -> {
              Thread t = new Thread(r, "decode-" + chain + "-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    int window = config.decodeThreads() * 4;
    ArrayDeque<Future<D>> inFlight = new ArrayDeque<>(window);
    RowWriterStage writer = new RowWriterStage(warehouse, chain, start, expectedTip, progress);
    BlockRef tip = checkpoint.orElse(null);
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
          if (!blocks.hasNext()) {
            more = false;
            break;
          }
          SourceBlock next = blocks.next();
          if (config.stopAfterHeight() >= 0 && next.height() > config.stopAfterHeight()) {
            more = false;
            break;
          }
          inFlight.add(pool.submit(() -> splitter.decode(next)));
        }
        Future<D> head = inFlight.poll();
        if (head == null) {
          break;
        }
        long t0 = System.nanoTime();
        D block = await(head);
        long t1 = System.nanoTime();
        checkLink(tip, block);
        writer.rows(splitter.resolve(block));
        resolveNanos += System.nanoTime() - t1;
        waitNanos += t1 - t0;
        tip = block.ref();
        batchBlocks++;
        batchTransactions += block.transactionCount();
        batchBytes += block.sizeBytes();
        if (batchTransactions >= config.batchTransactions() || batchBlocks >= config.maxBatchBlocks()) {
          writer.commit(tip, batchBlocks, batchTransactions, batchBytes);
          batchBlocks = batchTransactions = batchBytes = 0;
        }
      }
      if (batchBlocks > 0) {
        writer.commit(tip, batchBlocks, batchTransactions, batchBytes);
      }
      writer.finish();
      finished = true;
      return new ImportResult(
          checkpoint,
          Optional.ofNullable(tip),
          writer.committedBlocks(),
          writer.committedTransactions(),
          writer.committedBytes(),
          System.nanoTime() - start,
          new ImportResult.Timings(waitNanos, resolveNanos, writer.writeNanos(), writer.commitNanos()));
    } finally {
      if (!finished) {
        writer.abort();
      }
      for (Future<D> f : inFlight) {
        f.cancel(true);
      }
      pool.shutdownNow();
    }
  }

  private void checkLink(BlockRef tip, D block) {
    if (tip == null) {
      return;
    }
    if (block.ref().height() != tip.height() + 1 || !block.parent().equals(tip.hash())) {
      throw new BdsException(
          ErrorCode.BROKEN_CHAIN,
          "block " + block.ref() + " with parent " + block.parent() + " does not extend the warehouse tip " + tip);
    }
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
}
