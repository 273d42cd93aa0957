package org.openbds.bitcoin.regtest;

import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The highest block a scenario may mine. Litecoin Core's regtest activates MWEB at height 432, after which its block
 * templates are invalid ({@code bad-txns-vin-empty}), so scenarios stay below it by default.
 */
public record HeightLimit(long maxHeight) {
  /** The height at which Litecoin Core 0.21's regtest activates MWEB. */
  public static final long MWEB_ACTIVATION_HEIGHT = 432;

  /** The last height before MWEB activation. */
  public static final HeightLimit DEFAULT = new HeightLimit(MWEB_ACTIVATION_HEIGHT - 1);

  public HeightLimit {
    if (maxHeight < 0) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "a height limit is not negative, got " + maxHeight);
    }
  }

  /** Fails when mining {@code blocks} more blocks on top of {@code tipHeight} would pass the limit. */
  public void checkRoom(long tipHeight, long blocks, String what) {
    if (tipHeight + blocks > maxHeight) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT,
          what + " needs " + blocks + " more blocks on top of height " + tipHeight + ", past the height limit " + maxHeight
              + " (Litecoin regtest activates MWEB at " + MWEB_ACTIVATION_HEIGHT + ")");
    }
  }
}
