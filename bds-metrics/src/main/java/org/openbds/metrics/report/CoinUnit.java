package org.openbds.metrics.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * The coin of a chain as a report shows amounts: metric values are in the base unit (satoshi, litoshi, wei) and are
 * shown in coins, {@code decimals} places further left, with exact decimal arithmetic.
 *
 * @param ticker what follows an amount in coins ({@code LTC}, {@code ETH})
 * @param baseUnit name of the base unit ({@code litoshi}, {@code wei})
 * @param decimals base units per coin as a power of ten (8 for the Bitcoin family, 18 for the Ethereum family)
 */
public record CoinUnit(String ticker, String baseUnit, int decimals) {
  public CoinUnit {
    requireNonNull(ticker, "ticker is null");
    requireNonNull(baseUnit, "baseUnit is null");
    if (decimals < 0 || decimals > 30) {
      throw new IllegalArgumentException("decimals out of range: " + decimals);
    }
  }

  /** {@code baseUnits} in coins, exactly. */
  public BigDecimal coins(BigDecimal baseUnits) {
    return baseUnits.movePointLeft(decimals);
  }
}
