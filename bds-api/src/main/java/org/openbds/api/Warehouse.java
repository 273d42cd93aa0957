package org.openbds.api;

import java.util.List;
import java.util.Optional;

/**
 * Where chain data lands: one schema per chain, the tables its family declares, and a checkpoint per chain committed
 * in the same transaction as the rows. Implementations: the embedded DuckDB file (default), PostgreSQL.
 */
public interface Warehouse extends AutoCloseable {
  /** Creates the chain's schema, tables and views if missing; fails if an existing chain uses another network. */
  void ensureChain(ChainId chain, String network, List<TableSchema> tables, List<ViewSchema> views);

  /** The last applied block of the chain, if any (from {@code main.bds_chains}, which every warehouse keeps). */
  default Optional<BlockRef> checkpoint(ChainId chain) {
    return ChainRegistry.checkpoint(this, chain);
  }

  /**
   * Where in a block queue the chain's rows were read up to, as its consumer stored it with its last commit (empty
   * when the chain was never fed from a queue).
   */
  default Optional<String> queuePosition(ChainId chain) {
    return ChainRegistry.queuePosition(this, chain);
  }

  /** The network a chain's schema was created for, if it exists. */
  default Optional<String> network(ChainId chain) {
    return ChainRegistry.network(this, chain);
  }

  /** Chains that have a schema in this warehouse. */
  default List<ChainId> chains() {
    return ChainRegistry.chains(this);
  }

  /** Starts a write transaction for one chain. Only one may be open at a time. */
  WriteTransaction begin(ChainId chain);

  /**
   * Runs a read-only query and reads the whole result. A {@code long[]} parameter binds as one array of 64-bit
   * integers ({@code ?::BIGINT[]}), so that thousands of keys are one parameter instead of a statement's worth of text.
   */
  QueryResult query(String sql, Object... parameters);

  /** Runs a query and streams its rows to {@code handler}. */
  void stream(String sql, RowHandler handler);

  /**
   * Runs statements (DDL and DML, no results) in one transaction: all of them take effect or none does. Fails while a
   * write transaction is open.
   */
  void executeAtomically(List<String> statements);

  /**
   * Runs {@code before}, appends each load's rows, then runs {@code after}, all in one transaction: all of it takes
   * effect or none does (a failure anywhere, including in a load's row writer, rolls everything back). Fails while a
   * write transaction is open.
   */
  void loadAtomically(List<String> before, List<TableLoad> loads, List<String> after);

  /**
   * The chain is about to be loaded from nothing: a warehouse that keeps lookup indexes on its tables may drop them, to
   * make them once, in bulk, at {@link #endBulkLoad} (much cheaper than keeping them up row by row). Rollbacks and the
   * splitters' own reads do not need them. The default does nothing.
   */
  default void beginBulkLoad(ChainId chain) {}

  /**
   * The chain has caught up (or the load stops): every lookup index of its tables exists again. Idempotent and cheap
   * when they exist. The default does nothing.
   */
  default void endBulkLoad(ChainId chain) {}

  /** The SQL this warehouse speaks. */
  SqlDialect dialect();

  /** Bytes the warehouse occupies on disk, if known. */
  long sizeBytes();

  @Override
  void close();
}
