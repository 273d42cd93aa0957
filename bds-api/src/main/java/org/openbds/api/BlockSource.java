package org.openbds.api;

import java.util.Iterator;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Yields blocks in chain order from a position. A source never decides what is applied: the runtime keeps the
 * checkpoint and commits it with the rows.
 */
public interface BlockSource extends AutoCloseable {
  /**
   * The blocks after {@code after} (or from the chain's first block when empty), in height order. Fails with
   * {@link ErrorCode#CHECKPOINT_MISMATCH} when the source knows the block at {@code after.height()} under another hash.
   */
  Iterator<SourceBlock> blocksAfter(Optional<BlockRef> after);

  /** The height of the last block the source expects to deliver, when known (for progress reports). */
  OptionalLong expectedTip();

  @Override
  void close();
}
