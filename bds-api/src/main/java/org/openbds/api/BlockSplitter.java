package org.openbds.api;

import java.util.List;
import java.util.Map;

/**
 * Turns the blocks of one chain family into table rows. {@link #decode} is pure and thread-safe (the runtime runs it
 * on several threads); {@link #apply} is called by one thread, in chain order, and may keep state (an index of unspent
 * outputs, say) that {@link #load} rebuilds from the warehouse.
 *
 * @param <D> the decoded block type
 */
public interface BlockSplitter<D extends DecodedBlock> {
  List<TableSchema> tables();

  List<ViewSchema> views();

  /** Decodes a source block; a malformed block is a {@link ErrorCode#MALFORMED_BLOCK} naming its origin. */
  D decode(SourceBlock block);

  /** Rebuilds in-memory state from what the warehouse holds for the chain (called before the first apply). */
  void load(Warehouse warehouse, ChainId chain);

  /**
   * Writes the block's rows into the transaction and updates the in-memory state. After a failed apply or a
   * transaction that was not committed, the state no longer matches the warehouse: call {@link #load} again.
   */
  void apply(D block, WriteTransaction transaction);

  /** Named counters worth reporting to the user (e.g. inputs whose spent output was unknown). */
  default Map<String, Long> counters() {
    return Map.of();
  }
}
