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
 * @param timings where the applying thread spent its time
 */
public record ImportResult(
    Optional<BlockRef> startedAfter,
    Optional<BlockRef> tip,
    long blocks,
    long transactions,
    long bytes,
    long elapsedNanos,
    Timings timings) {

  /**
   * Time of the applying thread: waiting for decoded blocks (the decoders are the bottleneck when this is large),
   * applying them (splitting into rows, appending), and committing (the warehouse writing the batch).
   */
  public record Timings(long waitNanos, long applyNanos, long commitNanos) {
    public static final Timings NONE = new Timings(0, 0, 0);
  }

  public double transactionsPerSecond() {
    return elapsedNanos == 0 ? 0 : transactions * 1e9 / elapsedNanos;
  }
}
