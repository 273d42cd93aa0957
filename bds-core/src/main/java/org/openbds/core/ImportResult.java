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
   * Where the pipeline's ordered stages spent their time: the resolving thread waiting for decoded blocks (the
   * decoders are the bottleneck when this is large) and resolving them (the splitter's in-memory work, including
   * waiting when the writer is behind); the writing thread appending rows and committing batches.
   */
  public record Timings(long waitNanos, long resolveNanos, long writeNanos, long commitNanos) {
    public static final Timings NONE = new Timings(0, 0, 0, 0);
  }

  public double transactionsPerSecond() {
    return elapsedNanos == 0 ? 0 : transactions * 1e9 / elapsedNanos;
  }
}
