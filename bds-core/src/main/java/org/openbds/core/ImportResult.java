package org.openbds.core;

import java.util.Optional;
import org.openbds.api.BlockRef;

/**
 * What an import did.
 *
 * @param startedAfter the checkpoint the run resumed from (empty for a fresh chain)
 * @param tip the checkpoint after the run
 * @param blocks blocks applied by this run
 * @param transactions transactions applied
 * @param bytes block bytes applied
 * @param elapsedNanos wall time of the run
 */
public record ImportResult(
    Optional<BlockRef> startedAfter, Optional<BlockRef> tip, long blocks, long transactions, long bytes, long elapsedNanos) {

  public double transactionsPerSecond() {
    return elapsedNanos == 0 ? 0 : transactions * 1e9 / elapsedNanos;
  }
}
