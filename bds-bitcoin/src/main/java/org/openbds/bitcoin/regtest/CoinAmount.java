package org.openbds.bitcoin.regtest;

import java.math.BigDecimal;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/** Exact conversion between a node's decimal coin amounts (8 decimal places) and satoshis. Never through a double. */
final class CoinAmount {
  private static final int DECIMALS = 8;

  private CoinAmount() {}

  /** The satoshis of an amount in coins; fails if it has more than 8 decimal places or does not fit a long. */
  static long toSatoshis(BigDecimal coins) {
    try {
      return coins.movePointRight(DECIMALS).longValueExact();
    } catch (ArithmeticException e) {
      throw new BdsException(ErrorCode.MALFORMED_RESPONSE, "not an amount in satoshis: " + coins.toPlainString(), e);
    }
  }

  /** The amount in coins, with exactly 8 decimal places, as a node takes it. */
  static BigDecimal toCoins(long satoshis) {
    return BigDecimal.valueOf(satoshis, DECIMALS);
  }
}
