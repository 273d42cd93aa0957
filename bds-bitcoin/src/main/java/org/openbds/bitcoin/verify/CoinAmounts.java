package org.openbds.bitcoin.verify;

import java.math.BigDecimal;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** The node prints amounts as decimal coins; the warehouse holds integer base units (satoshi, litoshi, koinu). */
final class CoinAmounts {
  /** Every chain of the family divides a coin into 10^8 base units. */
  static final int DECIMALS = 8;

  private CoinAmounts() {}

  /**
   * The exact number of base units in {@code coins}.
   *
   * @throws BdsException {@link ErrorCode#MALFORMED_RESPONSE} when the amount has a fraction of a base unit or does not
   *     fit a {@code long}
   */
  static long toBaseUnits(BigDecimal coins, String what) {
    try {
      return coins.movePointRight(DECIMALS).longValueExact();
    } catch (ArithmeticException e) {
      throw new BdsException(
          ErrorCode.MALFORMED_RESPONSE, what + ": not a whole number of base units: " + coins.toPlainString(), e);
    }
  }
}
