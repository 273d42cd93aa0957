package org.openbds.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A node that serves its best chain by height, for live sync. The source only answers questions and delivers blocks;
 * the runtime decides what is applied, detects reorgs (a block whose parent is not the warehouse tip) and walks back
 * by asking {@link #hashAt}. Retryable failures (node away, busy, starting) are retried inside the source as its
 * {@link NodeSettings#retry()} says; what reaches the caller is final.
 *
 * <p>Thread-safe; a {@link BlockStream} belongs to the thread that opened it.
 */
public interface NodeSource extends AutoCloseable {
  /** The node's address without credentials, for messages. */
  String endpoint();

  /** Height of the node's best block. */
  long tipHeight();

  /** The hash of the node's best-chain block at {@code height}; empty above the node's tip. */
  Optional<Hash32> hashAt(long height);

  /**
   * The node's best-chain blocks from {@code from} through {@code to}, in height order, fetched ahead with bounded
   * concurrency. The stream ends early when the node's chain is shorter; a block may come from another branch than
   * its predecessor when the node reorganizes meanwhile (the runtime notices by its parent).
   */
  BlockStream blocks(long from, long to);

  /**
   * Tells the source the lowest height of the synced range: the warehouse's first block, or where a sync into an empty
   * warehouse starts. A source that reads state predating the range (holdings from before its first block) uses it to
   * know which state the range itself accounts for. Called before {@link #blocks}; a source that is never told takes
   * the lowest height it was asked for.
   */
  default void rangeStartsAt(long height) {}

  /**
   * Waits until the node's best block is no longer {@code known} or {@code timeout} has passed, whichever comes first,
   * and returns the node's tip height then.
   */
  long awaitNewTip(BlockRef known, Duration timeout);

  @Override
  void close();

  /** Blocks in height order; closing it stops the fetching. */
  interface BlockStream extends java.util.Iterator<SourceBlock>, AutoCloseable {
    @Override
    void close();
  }
}
