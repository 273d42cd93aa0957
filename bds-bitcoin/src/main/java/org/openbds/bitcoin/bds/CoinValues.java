package org.openbds.bitcoin.bds;

import java.math.BigDecimal;

/**
 * Output values of the original BDS product's messages, converted exactly into base units. The messages write most
 * chains' values as a decimal number of coins ({@code 0.29}, {@code 7.217e-05}); the value arrives here as the exact
 * decimal its JSON text denotes (never through a binary double, which cannot hold 0.29) and is scaled by 10^8. A
 * value that is negative, has more than eight decimals or exceeds the chain's {@code MAX_MONEY} is refused: it is not
 * an amount any node can have written.
 */
final class CoinValues {
  /** Base units per coin on every Bitcoin-family chain (satoshi, litoshi, koinu). */
  static final int DECIMALS = 8;

  private CoinValues() {}

  /**
   * A decimal number of coins in base units.
   *
   * @throws IllegalArgumentException saying what is wrong with the value
   */
  static long coinsToBaseUnits(BigDecimal coins, long maxMoney) {
    checkSign(coins);
    // an exact comparison before scaling, so that 1e400 is refused rather than overflowing
    BigDecimal maxCoins = BigDecimal.valueOf(maxMoney).movePointLeft(DECIMALS);
    if (coins.compareTo(maxCoins) > 0) {
      throw new IllegalArgumentException(describe(coins) + " exceeds the chain's maximum of " + maxCoins.toPlainString() + " coins");
    }
    if (coins.signum() != 0 && coins.stripTrailingZeros().scale() > DECIMALS) {
      throw new IllegalArgumentException(describe(coins) + " has more than " + DECIMALS + " decimals");
    }
    return coins.movePointRight(DECIMALS).longValueExact();
  }

  /**
   * A whole number of base units (how Dogecoin's nodes write values in these messages).
   *
   * @throws IllegalArgumentException saying what is wrong with the value
   */
  static long baseUnits(BigDecimal units, long maxMoney) {
    checkSign(units);
    if (units.compareTo(BigDecimal.valueOf(maxMoney)) > 0) {
      throw new IllegalArgumentException(describe(units) + " exceeds the chain's maximum of " + maxMoney + " base units");
    }
    if (units.signum() != 0 && units.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(describe(units) + " is not a whole number of base units");
    }
    return units.longValueExact();
  }

  private static void checkSign(BigDecimal value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException(describe(value) + " is negative");
    }
  }

  /** The value for a message, without expanding an absurd exponent into a million digits. */
  private static String describe(BigDecimal value) {
    BigDecimal size = value.abs();
    boolean extreme = size.signum() != 0 && (size.compareTo(BigDecimal.ONE.movePointLeft(20)) < 0 || size.compareTo(BigDecimal.ONE.movePointRight(20)) > 0);
    String plain = extreme ? value.toString() : value.toPlainString();
    return plain.length() > 60 ? plain.substring(0, 60) + "…" : plain;
  }
}
