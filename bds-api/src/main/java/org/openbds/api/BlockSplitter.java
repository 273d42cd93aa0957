package org.openbds.api;

import java.util.List;
import java.util.Map;

/**
 * Turns the blocks of one chain family into table rows, in three steps so that the runtime can overlap them:
 * {@link #decode} is pure and thread-safe (run on several threads); {@link #resolve} is called by one thread, in chain
 * order, and may keep state (an index of unspent outputs, say) that {@link #load} rebuilds from the warehouse; the
 * {@link BlockRows} it returns no longer touch that state and are written by another thread, in the same order.
 *
 * @param <D> the decoded block type
 */
public interface BlockSplitter<D extends DecodedBlock> {
  List<TableSchema> tables();

  List<ViewSchema> views();

  /** The table with one row per applied block, which the runtime reads on reorgs and at start-up. */
  BlockTable blockTable();

  /** Decodes a source block; a malformed block is a {@link ErrorCode#MALFORMED_BLOCK} naming its origin. */
  D decode(SourceBlock block);

  /** Rebuilds in-memory state from what the warehouse holds for the chain (called before the first apply). */
  void load(Warehouse warehouse, ChainId chain);

  /**
   * Resolves the block against the in-memory state, updates the state, and returns the block's rows. After a failure
   * or rows that were not committed, the state no longer matches the warehouse: call {@link #load} again.
   */
  BlockRows resolve(D block);

  /**
   * Called right before the runtime deletes every row with a height of {@code fromHeight} or more and commits that (a
   * reorg): undoes those blocks in the in-memory state, reading what it needs from the warehouse, which still holds
   * them. Returns false when the family cannot undo blocks; the runtime then rebuilds the state with {@link #load}
   * after the deletion, as it also does when the deletion fails.
   */
  default boolean rollBack(Warehouse warehouse, ChainId chain, long fromHeight) {
    return false;
  }

  /** Resolves and writes in one go (for callers that do not pipeline). */
  default void apply(D block, WriteTransaction transaction) {
    resolve(block).write(transaction);
  }

  /** Named counters worth reporting to the user (e.g. inputs whose spent output was unknown). */
  default Map<String, Long> counters() {
    return Map.of();
  }
}
