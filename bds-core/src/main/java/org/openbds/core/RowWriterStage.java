package org.openbds.core;

import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockRows;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.Warehouse;
import org.openbds.api.WriteTransaction;

/**
 * The importer's writing stage: one thread that owns the warehouse transaction, writes resolved blocks in the order
 * they were handed over and commits at the batch boundaries it is given. A failure on that thread rolls the open
 * batch back and is rethrown to the importer at its next hand-over or at {@link #finish()}.
 */
final class RowWriterStage {
  private static final int CAPACITY = 8;

  private sealed interface Item permits Rows, Commit, End {}

  private record Rows(BlockRows rows) implements Item {}

  private record Commit(BlockRef tip, java.util.Optional<String> queuePosition, long blocks, long transactions, long bytes) implements Item {}

  private record End() implements Item {}

  private final Warehouse warehouse;
  private final ChainId chain;
  private final long start;
  private final OptionalLong expectedTip;
  private final Consumer<ImportProgress> progress;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean aborted;

  // written by the writer thread, read after it has been joined
  private long committedBlocks;
  private long committedTransactions;
  private long committedBytes;
  private long writeNanos;
  private long commitNanos;

  RowWriterStage(Warehouse warehouse, ChainId chain, long start, OptionalLong expectedTip, Consumer<ImportProgress> progress) {
    this.warehouse = warehouse;
    this.chain = chain;
    this.start = start;
    this.expectedTip = expectedTip;
    this.progress = progress;
    this.thread = new Thread(this::loop, "write-" + chain);
    thread.setDaemon(true);
    thread.start();
  }

  void rows(BlockRows rows) {
    put(new Rows(rows));
  }

  void commit(BlockRef tip, java.util.Optional<String> queuePosition, long blocks, long transactions, long bytes) {
    put(new Commit(tip, queuePosition, blocks, transactions, bytes));
  }

  /** Waits until everything handed over is written and committed; rethrows the writer's failure. */
  void finish() {
    put(new End());
    join();
    rethrow();
  }

  /** Stops the writer and rolls its open batch back (the importer failed). */
  void abort() {
    aborted = true;
    thread.interrupt();
    join();
  }

  private void put(Item item) {
    try {
      while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
        rethrow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.IO_FAILURE, "interrupted while handing blocks to the writer", e);
    }
    rethrow();
  }

  private void rethrow() {
    Throwable f = failure;
    if (f instanceof RuntimeException) {
      throw (RuntimeException) f;
    }
    if (f instanceof Error) {
      throw (Error) f;
    }
    if (f != null) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "writing failed: " + f, f);
    }
  }

  private void join() {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    WriteTransaction transaction = null;
    try {
      while (!aborted) {
        Item item = queue.take();
        if (item instanceof Rows) {
          long t0 = System.nanoTime();
          if (transaction == null) {
            transaction = warehouse.begin(chain);
          }
          ((Rows) item).rows().write(transaction);
          writeNanos += System.nanoTime() - t0;
        } else if (item instanceof Commit) {
          Commit c = (Commit) item;
          long t0 = System.nanoTime();
          if (transaction == null) {
            transaction = warehouse.begin(chain);
          }
          transaction.commit(c.tip(), c.queuePosition());
          transaction = null;
          commitNanos += System.nanoTime() - t0;
          committedBlocks += c.blocks();
          committedTransactions += c.transactions();
          committedBytes += c.bytes();
          progress.accept(
              new ImportProgress(c.tip(), committedBlocks, committedTransactions, committedBytes, System.nanoTime() - start, expectedTip));
        } else {
          return;
        }
      }
    } catch (InterruptedException e) {
      // aborted by the importer: the open batch is rolled back below
    } catch (Throwable t) {
      failure = t;
    } finally {
      if (transaction != null) {
        try {
          transaction.close();
        } catch (RuntimeException e) {
          if (failure != null) {
            failure.addSuppressed(e);
          } else {
            failure = e;
          }
        }
      }
    }
  }

  long committedBlocks() {
    return committedBlocks;
  }

  long committedTransactions() {
    return committedTransactions;
  }

  long committedBytes() {
    return committedBytes;
  }

  long writeNanos() {
    return writeNanos;
  }

  long commitNanos() {
    return commitNanos;
  }
}
