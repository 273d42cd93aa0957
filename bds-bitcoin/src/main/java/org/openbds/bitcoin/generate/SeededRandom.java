package org.openbds.bitcoin.generate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * xoshiro256** seeded through SplitMix64. Written out here rather than taken from the JDK so that the generated
 * chain for a seed is fixed by this file alone, whatever the Java version. Not thread-safe.
 */
final class SeededRandom {
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long s0;
  private long s1;
  private long s2;
  private long s3;

  SeededRandom(long seed) {
    long x = seed;
    x += 0x9e3779b97f4a7c15L;
    s0 = mix(x);
    x += 0x9e3779b97f4a7c15L;
    s1 = mix(x);
    x += 0x9e3779b97f4a7c15L;
    s2 = mix(x);
    x += 0x9e3779b97f4a7c15L;
    s3 = mix(x);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  long nextLong() {
    long result = Long.rotateLeft(s1 * 5, 7) * 9;
    long t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = Long.rotateLeft(s3, 45);
    return result;
  }

  /** Uniform in [0, bound); bound must be positive. Lemire's multiply-shift, with its rejection step. */
  int nextInt(int bound) {
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x1_0000_0000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xffffffffL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Uniform in [from, to] inclusive. */
  int between(int from, int to) {
    return from + nextInt(to - from + 1);
  }

  /** Uniform in [0, bound) for a positive long bound. */
  long nextLong(long bound) {
    long r = nextLong() >>> 1;
    long m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    long u = r;
    while (u - (r = u % bound) + m < 0) {
      u = nextLong() >>> 1;
    }
    return r;
  }

  /** True with probability {@code perMille}/1000. */
  boolean perMille(int perMille) {
    return nextInt(1000) < perMille;
  }

  /** Fills a range with random bytes (each long little-endian, so the bytes do not depend on the platform). */
  void nextBytes(byte[] out, int offset, int length) {
    int i = offset;
    int end = offset + length;
    while (end - i >= 8) {
      LONG.set(out, i, nextLong());
      i += 8;
    }
    if (i < end) {
      long v = nextLong();
      while (i < end) {
        out[i++] = (byte) v;
        v >>>= 8;
      }
    }
  }
}
