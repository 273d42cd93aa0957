package org.openbds.core;

import org.openbds.api.BlockRef;

/**
 * What live sync reports while it runs. Called on the syncing thread (progress on the writer thread); implementations
 * must be quick. Every method has an empty default.
 */
public interface SyncListener {
  /** After every commit while catching up. */
  default void progress(ImportProgress progress) {}

  /** Once, when the warehouse first reaches the node's tip (less the confirmations). */
  default void caughtUp(BlockRef tip, long nodeTip) {}

  /** For each block applied after catching up, once it is committed and queryable. */
  default void block(BlockPipeline.AppliedBlock block, long nodeTip) {}

  /**
   * After each pass of blocks once caught up (and once at the moment of catching up), on the syncing thread, with no
   * write transaction open: the place to bring derived data such as metrics up to date with {@code tip}.
   */
  default void settled(BlockRef tip) {}

  /** A reorg: the warehouse's blocks above {@code ancestor} up to {@code oldTip} were rolled back. */
  default void reorg(BlockRef oldTip, BlockRef ancestor) {}

  /** Start-up found the chain damaged from {@code height} on ({@code reason}) and rolled it back for repair. */
  default void repaired(long height, String reason, BlockRef ancestor) {}
}
