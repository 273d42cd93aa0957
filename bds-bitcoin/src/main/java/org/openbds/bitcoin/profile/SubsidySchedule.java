package org.openbds.bitcoin.profile;

import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The block subsidy of a network: {@code initial} base units, halved every {@code halvingInterval} blocks (integer
 * right shift, as nodes compute it), zero after 64 halvings.
 */
public record SubsidySchedule(long initial, long halvingInterval) {
  public SubsidySchedule {
    if (initial <= 0 || halvingInterval <= 0) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "subsidy and halving interval must be positive, got " + initial + " and " + halvingInterval);
    }
  }

  /** The subsidy a block at {@code height} may claim. */
  public long subsidy(long height) {
    long halvings = height / halvingInterval;
    return halvings >= 64 ? 0 : initial >> halvings;
  }
}
