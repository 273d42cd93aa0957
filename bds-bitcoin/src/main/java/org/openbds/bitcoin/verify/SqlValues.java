package org.openbds.bitcoin.verify;

import java.util.OptionalLong;

/** Numbers read from warehouse query results, whose drivers return Integer, Long or BigInteger as they see fit. */
final class SqlValues {
  private SqlValues() {}

  static long number(Object v) {
    if (v instanceof java.math.BigInteger big) {
      return big.longValueExact();
    }
    if (v instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalStateException("expected a number from the warehouse, got " + v);
  }

  /** A nullable column: empty for SQL NULL. */
  static OptionalLong optionalNumber(Object v) {
    return v == null ? OptionalLong.empty() : OptionalLong.of(number(v));
  }
}
