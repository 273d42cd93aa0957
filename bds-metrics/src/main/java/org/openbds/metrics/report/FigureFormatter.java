package org.openbds.metrics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * How a report writes numbers: digits grouped by thousands with commas, never in exponent notation, never through a
 * binary floating-point value. A whole number (a count, a sum of base units) is written exactly; a fraction (a mean) is
 * rounded half-even to the stated places, and only for display.
 */
public final class FigureFormatter {
  /** Places a mean count keeps (12.35 transactions per block). */
  static final int COUNT_PLACES = 2;
  /** Places past the base unit a mean amount keeps (a mean fee of 1234.56 litoshi). */
  static final int AMOUNT_EXTRA_PLACES = 2;

  private FigureFormatter() {}

  /** A count or other plain number: exact when whole, else rounded to two places. */
  public static String count(BigDecimal value) {
    return decimal(value, COUNT_PLACES);
  }

  /** {@code value} rounded to at most {@code places} decimals (trailing zeros dropped), digits grouped. */
  public static String decimal(BigDecimal value, int places) {
    BigDecimal v = isWhole(value) ? value : value.setScale(places, RoundingMode.HALF_EVEN);
    return grouped(plain(v));
  }

  /**
   * An amount given in base units, written in coins with the ticker: exactly when it is a whole number of base units,
   * else rounded to two places below the base unit.
   */
  public static String amount(BigDecimal baseUnits, CoinUnit unit) {
    return coins(baseUnits, unit) + " " + unit.ticker();
  }

  /** {@link #amount} without the ticker, for table cells under a heading that names it. */
  public static String coins(BigDecimal baseUnits, CoinUnit unit) {
    BigDecimal base = isWhole(baseUnits) ? baseUnits : baseUnits.setScale(AMOUNT_EXTRA_PLACES, RoundingMode.HALF_EVEN);
    return grouped(plain(unit.coins(base)));
  }

  /** A percentage given in percent (12.345 is 12.3%), one decimal. */
  public static String percent(BigDecimal percent) {
    return grouped(percent.setScale(1, RoundingMode.HALF_EVEN).toPlainString()) + "%";
  }

  /**
   * The change from {@code previous} to {@code current} in percent of {@code previous}, signed, one decimal; empty
   * when there is nothing to compare with (no previous value, or a previous value of zero).
   */
  public static Optional<String> change(BigDecimal current, BigDecimal previous) {
    if (previous == null || previous.signum() == 0) {
      return Optional.empty();
    }
    BigDecimal pct = current.subtract(previous).multiply(BigDecimal.valueOf(100)).divide(previous.abs(), 1, RoundingMode.HALF_EVEN);
    if (pct.signum() == 0) {
      return Optional.of("±0.0%");
    }
    // a true minus sign: it lines up with the plus sign in proportional fonts
    return Optional.of((pct.signum() > 0 ? "+" : "\u2212") + grouped(pct.abs().toPlainString()) + "%");
  }

  static boolean isWhole(BigDecimal v) {
    return v.signum() == 0 || v.scale() <= 0 || v.stripTrailingZeros().scale() <= 0;
  }

  private static String plain(BigDecimal v) {
    return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
  }

  /** Commas between thousands of the integer part; the sign and the fraction are kept as they are. */
  static String grouped(String plain) {
    int start = plain.startsWith("-") ? 1 : 0;
    int point = plain.indexOf('.');
    int end = point < 0 ? plain.length() : point;
    StringBuilder out = new StringBuilder(plain.length() + 8);
    out.append(start == 1 ? "\u2212" : "");
    for (int i = start; i < end; i++) {
      if (i > start && (end - i) % 3 == 0) {
        out.append(',');
      }
      out.append(plain.charAt(i));
    }
    return out.append(plain, end, plain.length()).toString();
  }
}
