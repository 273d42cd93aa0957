package org.openbds.forensics.taint;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact non-negative rational amount of base units (satoshis): what the haircut model gives an output when a
 * tainted share does not divide its value. Always reduced, with a positive denominator, so equal amounts are equal
 * records.
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {
  public static final Rational ZERO = new Rational(BigInteger.ZERO, BigInteger.ONE);

  public Rational {
    requireNonNull(numerator, "numerator is null");
    requireNonNull(denominator, "denominator is null");
    if (denominator.signum() <= 0) {
      throw new IllegalArgumentException("the denominator must be positive: " + denominator);
    }
    if (numerator.signum() < 0) {
      throw new IllegalArgumentException("an amount cannot be negative: " + numerator + "/" + denominator);
    }
    BigInteger gcd = numerator.gcd(denominator);
    if (gcd.signum() > 0 && !gcd.equals(BigInteger.ONE)) {
      numerator = numerator.divide(gcd);
      denominator = denominator.divide(gcd);
    }
  }

  public static Rational of(long units) {
    return new Rational(BigInteger.valueOf(units), BigInteger.ONE);
  }

  /** {@code units × numerator / denominator}. */
  public static Rational share(long units, BigInteger numerator, BigInteger denominator) {
    return new Rational(BigInteger.valueOf(units).multiply(numerator), denominator);
  }

  public Rational plus(Rational o) {
    return new Rational(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)), denominator.multiply(o.denominator));
  }

  /** {@code this − o}; fails if that is negative (an amount cannot be). */
  public Rational minus(Rational o) {
    return new Rational(numerator.multiply(o.denominator).subtract(o.numerator.multiply(denominator)), denominator.multiply(o.denominator));
  }

  public Rational times(Rational o) {
    return new Rational(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
  }

  public Rational dividedBy(Rational o) {
    if (o.numerator.signum() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return new Rational(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
  }

  public boolean isZero() {
    return numerator.signum() == 0;
  }

  public boolean isWhole() {
    return denominator.equals(BigInteger.ONE);
  }

  /** The whole units, rounded down. */
  public BigInteger floor() {
    return numerator.divide(denominator);
  }

  /** Decimal text with {@code scale} digits after the point, rounded half-even; whole amounts without a point. */
  public String toDecimal(int scale) {
    if (isWhole()) {
      return numerator.toString();
    }
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  @Override
  public int compareTo(Rational o) {
    return numerator.multiply(o.denominator).compareTo(o.numerator.multiply(denominator));
  }

  @Override
  public String toString() {
    return isWhole() ? numerator.toString() : numerator + "/" + denominator;
  }
}
