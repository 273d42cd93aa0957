package org.openbds.core;

import java.util.OptionalLong;
import org.openbds.api.BlockRef;

/**
 * A snapshot of a running import, reported after every commit.
 *
 * @param tip the last committed block
 * @param blocks blocks applied by this run
 * @param transactions transactions applied by this run
 * @param bytes block bytes applied by this run
 * @param elapsedNanos time since the run started
 * @param expectedTip the height the source expects to reach, when known
 */
public record ImportProgress(
    BlockRef tip, long blocks, long transactions, long bytes, long elapsedNanos, OptionalLong expectedTip) {

  public double transactionsPerSecond() {
    return elapsedNanos == 0 ? 0 : transactions * 1e9 / elapsedNanos;
  }
}
