package org.openbds.xrp.amount;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The number of an XRP Ledger issued-currency (IOU) amount: {@code mantissa × 10^exponent}, exactly as the ledger
 * stores it. The ledger keeps 16 significant decimal digits, so a value is either zero (mantissa 0, exponent 0)
 * or normalized with {@code 10^15 ≤ |mantissa| < 10^16} and {@code −96 ≤ exponent ≤ 80}; one number therefore has
 * one representation and records compare by value.
 *
 * <p>Parsing never rounds: a text the ledger cannot hold exactly is malformed, because a node only prints values it
 * holds. Binary floating point is never used.
 */
public record IouValue(long mantissa, int exponent) {
  public static final IouValue ZERO = new IouValue(0, 0);

  public static final long MIN_MANTISSA = 1_000_000_000_000_000L;
  public static final long MAX_MANTISSA = 9_999_999_999_999_999L;
  public static final int MIN_EXPONENT = -96;
  public static final int MAX_EXPONENT = 80;

  private static final int DIGITS = 16;
  // Longer exponent texts cannot be in range once normalized; the cap also keeps Integer.parseInt from overflowing.
  private static final int MAX_EXPONENT_TEXT = 6;

  public IouValue {
    if (mantissa == 0) {
      if (exponent != 0) {
        throw new IllegalArgumentException("zero must have exponent 0, not " + exponent);
      }
    } else {
      long magnitude = Math.abs(mantissa);
      if (magnitude < MIN_MANTISSA || magnitude > MAX_MANTISSA) {
        throw new IllegalArgumentException("mantissa not normalized to 16 digits: " + mantissa);
      }
      if (exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) {
        throw new IllegalArgumentException("exponent out of range [-96, 80]: " + exponent);
      }
    }
  }

  /**
   * Parses a value as rippled prints it: a plain decimal ({@code "-0.5"}, {@code "117.6242927199245"}) or exponent
   * notation ({@code "1e-5"}, {@code "9.99999999999999E+79"}, {@code "6995000000000000e-28"}), an optional leading
   * sign.
   *
   * @throws BdsException {@link ErrorCode#MALFORMED_BLOCK} naming the text when it is not a number, has more than 16
   *     significant digits or lies outside the ledger's range
   */
  public static IouValue parse(String text) {
    if (text == null) {
      throw malformed("null", "no value");
    }
    int i = 0;
    int length = text.length();
    boolean negative = false;
    if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    StringBuilder digits = new StringBuilder();
    int fractionDigits = 0;
    boolean seenPoint = false;
    boolean seenDigit = false;
    for (; i < length; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        seenDigit = true;
        // Leading zeros carry no digit; they only matter through the count of fraction digits.
        if (digits.length() > 0 || c != '0') {
          digits.append(c);
        }
        if (seenPoint) {
          fractionDigits++;
        }
      } else if (c == '.' && !seenPoint) {
        seenPoint = true;
      } else {
        break;
      }
    }
    if (!seenDigit) {
      throw malformed(text, "no digits");
    }
    long writtenExponent = 0;
    if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      writtenExponent = parseExponent(text, i + 1);
      i = length;
    }
    if (i != length) {
      throw malformed(text, "unexpected character '" + text.charAt(i) + "'");
    }
    int significant = digits.length();
    while (significant > 0 && digits.charAt(significant - 1) == '0') {
      significant--;
    }
    if (significant == 0) {
      return ZERO;
    }
    if (significant > DIGITS) {
      throw malformed(text, "more than 16 significant digits");
    }
    // value = digits × 10^(writtenExponent − fractionDigits); drop the trailing zeros, then pad to 16 digits.
    long exponent = writtenExponent - fractionDigits + (digits.length() - significant);
    long mantissa = Long.parseLong(digits, 0, significant, 10);
    for (int pad = significant; pad < DIGITS; pad++) {
      mantissa *= 10;
      exponent--;
    }
    if (exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) {
      throw malformed(text, "outside the range of an issued-currency amount");
    }
    return new IouValue(negative ? -mantissa : mantissa, (int) exponent);
  }

  private static long parseExponent(String text, int from) {
    int i = from;
    boolean negative = false;
    if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      negative = text.charAt(i) == '-';
      i++;
    }
    int start = i;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    if (i == start || i != text.length()) {
      throw malformed(text, "malformed exponent");
    }
    while (start < i - 1 && text.charAt(start) == '0') {
      start++;
    }
    if (i - start > MAX_EXPONENT_TEXT) {
      throw malformed(text, "outside the range of an issued-currency amount");
    }
    long value = Long.parseLong(text, start, i, 10);
    return negative ? -value : value;
  }

  private static BdsException malformed(String text, String why) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, "malformed issued-currency value \"" + text + "\": " + why);
  }

  public boolean isZero() {
    return mantissa == 0;
  }

  public int signum() {
    return Long.signum(mantissa);
  }

  /** The exact value; never rounded. */
  public BigDecimal toBigDecimal() {
    return new BigDecimal(BigInteger.valueOf(mantissa), -exponent);
  }

  /** The value without exponent and without trailing zeros ({@code "0"} for zero), e.g. {@code "-0.00001"}. */
  public String toPlainString() {
    return isZero() ? "0" : toBigDecimal().stripTrailingZeros().toPlainString();
  }
}
