package org.openbds.ethereum.devnet;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** What {@link EvmActivity#bulk} mined: its transactions, in blocks {@code firstBlock..lastBlock}, and how long it took. */
public record BulkResult(int transactions, int ethTransfers, int tokenTransfers, long firstBlock, long lastBlock, Duration elapsed) {
  public BulkResult {
    requireNonNull(elapsed, "elapsed is null");
  }

  public long blocks() {
    return lastBlock - firstBlock + 1;
  }
}
