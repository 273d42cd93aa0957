package org.openbds.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.openbds.api.BdsException;
import org.openbds.api.BlockRef;
import org.openbds.api.ErrorCode;
import org.openbds.core.BlockPipeline;
import org.openbds.core.ChainSynchronizer;
import org.openbds.core.SyncListener;

/** Follows a live sync running on another thread: the height it has applied and its last reorg, for the demos. */
final class LiveSyncWatch implements SyncListener {
  private final AtomicLong height = new AtomicLong(-1);
  private volatile String lastReorg = "none";

  String lastReorg() {
    return lastReorg;
  }

  /** Waits until sync has applied {@code target}; fails when sync ended first or after two minutes. */
  void awaitHeight(long target, CompletableFuture<ChainSynchronizer.Result> running, String node) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (height.get() < target) {
      if (running.isDone()) {
        join(running);
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "sync ended before reaching the " + node + "'s tip " + target);
      }
      if (System.nanoTime() > deadline) {
        throw new BdsException(ErrorCode.NODE_LAGGING, "sync did not reach the " + node + "'s tip " + target + " within 120 s");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BdsException(ErrorCode.IO_FAILURE, "interrupted", e);
      }
    }
  }

  /** The result of a sync that was told to stop. */
  static ChainSynchronizer.Result join(CompletableFuture<ChainSynchronizer.Result> running) {
    try {
      return running.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new BdsException(ErrorCode.IO_FAILURE, "sync failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BdsException(ErrorCode.IO_FAILURE, "interrupted", e);
    } catch (TimeoutException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "sync did not stop within 60 s", e);
    }
  }

  @Override
  public void caughtUp(BlockRef tip, long nodeTip) {
    height.set(tip.height());
  }

  @Override
  public void block(BlockPipeline.AppliedBlock block, long nodeTip) {
    height.set(block.ref().height());
  }

  @Override
  public void reorg(BlockRef oldTip, BlockRef ancestor) {
    height.set(ancestor.height());
    lastReorg = "heights " + (ancestor.height() + 1) + ".." + oldTip.height();
  }
}
