package org.openbds.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * Reconciles what the warehouse holds for a chain with the node's own answers (per-block statistics, the unspent set
 * or balances, the tip). Family-specific; read-only on both sides.
 */
public interface Reconciler {
  /**
   * Runs every check over the warehouse's blocks from {@code fromHeight} through {@code toHeight} (clamped to what the
   * warehouse holds) and returns one result per check, in a stable order.
   *
   * @param progress short notes while long checks run (e.g. "getblockstats 5000/120000")
   */
  List<ReconciliationCheck> reconcile(Warehouse warehouse, ChainId chain, long fromHeight, long toHeight, Consumer<String> progress);
}
