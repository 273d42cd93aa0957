package org.openbds.bitcoin.codec;

import org.openbds.api.Hash32;

/**
 * The 80-byte header of a Bitcoin-family block. {@code time}, {@code bits} and {@code nonce} are unsigned 32-bit
 * values held in longs.
 */
public record BlockHeader(
    Hash32 hash, int version, Hash32 previousHash, Hash32 merkleRoot, long time, long bits, long nonce) {

  /** The proof-of-work target encoded by {@code bits}, as difficulty relative to the minimum (difficulty 1). */
  public double difficulty() {
    int exponent = (int) (bits >>> 24);
    long mantissa = bits & 0x00ffffffL;
    if (mantissa == 0) {
      return 0;
    }
    double d = (double) 0x0000ffffL / mantissa;
    int shift = 29 - exponent;
    return d * Math.pow(256, shift);
  }

  /** The expected number of hashes to find a block at this target (its "work"), as Bitcoin Core computes it. */
  public java.math.BigInteger work() {
    int exponent = (int) (bits >>> 24);
    long mantissa = bits & 0x007fffffL;
    if (mantissa == 0 || (bits & 0x00800000L) != 0) {
      return java.math.BigInteger.ZERO;
    }
    java.math.BigInteger target =
        exponent <= 3
            ? java.math.BigInteger.valueOf(mantissa >> (8 * (3 - exponent)))
            : java.math.BigInteger.valueOf(mantissa).shiftLeft(8 * (exponent - 3));
    if (target.signum() == 0) {
      return java.math.BigInteger.ZERO;
    }
    // work = 2^256 / (target + 1)
    return java.math.BigInteger.ONE.shiftLeft(256).divide(target.add(java.math.BigInteger.ONE));
  }
}
