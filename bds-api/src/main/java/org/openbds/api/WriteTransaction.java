package org.openbds.api;

/**
 * One atomic unit of writes to a chain's tables. Rows and the new checkpoint become visible together at
 * {@link #commit(BlockRef)}, or not at all: a transaction closed without commit is rolled back.
 */
public interface WriteTransaction extends AutoCloseable {
  /** The writer for a table of this chain; the same instance for the same table within the transaction. */
  RowWriter table(String table);

  /** Removes every row of this chain's tables with {@code block_height >= height} (a rollback of orphaned blocks). */
  void deleteFromHeight(long height);

  /** Writes the rows and sets the checkpoint to {@code tip} atomically; the chain's queue position stays as it was. */
  default void commit(BlockRef tip) {
    commit(tip, java.util.Optional.empty());
  }

  /**
   * Writes the rows and sets the checkpoint to {@code tip} atomically, with the position in the block queue the rows
   * were read up to (when present; else the stored position stays), so that a consumer resumes exactly after them.
   */
  void commit(BlockRef tip, java.util.Optional<String> queuePosition);

  /** Rolls back unless committed. */
  @Override
  void close();
}
