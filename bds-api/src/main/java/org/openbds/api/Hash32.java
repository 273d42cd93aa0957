package org.openbds.api;

import java.util.Arrays;

/**
 * An immutable 32-byte hash in display order (the order block explorers and node RPCs print it). Codecs that read a
 * hash in wire order convert at the boundary.
 */
public final class Hash32 implements Comparable<Hash32> {
  public static final Hash32 ZERO = new Hash32(new byte[32]);
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final byte[] bytes;

  private Hash32(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A hash from 32 bytes in display order; the array is copied. */
  public static Hash32 of(byte[] displayOrder) {
    if (displayOrder.length != 32) {
      throw new IllegalArgumentException("a hash has 32 bytes, got " + displayOrder.length);
    }
    return new Hash32(displayOrder.clone());
  }

  /** A hash from 32 bytes in wire (little-endian) order starting at {@code offset}. */
  public static Hash32 fromWireOrder(byte[] data, int offset) {
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      b[i] = data[offset + 31 - i];
    }
    return new Hash32(b);
  }

  /** Parses 64 hexadecimal digits (either case); anything else is an {@link ErrorCode#INVALID_ARGUMENT}. */
  public static Hash32 parse(String hex) {
    if (hex == null || hex.length() != 64) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not a 64-digit hex hash: " + hex);
    }
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not a 64-digit hex hash: " + hex);
      }
      b[i] = (byte) (hi << 4 | lo);
    }
    return new Hash32(b);
  }

  /** The bytes {@code 8*index .. 8*index+7} (display order) as a big-endian long; index 0 to 3. */
  public long word(int index) {
    long v = 0;
    for (int i = 8 * index; i < 8 * index + 8; i++) {
      v = (v << 8) | (bytes[i] & 0xffL);
    }
    return v;
  }

  /** A copy of the bytes in display order. */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Writes the hash in wire order into {@code out} at {@code offset}. */
  public void writeWireOrder(byte[] out, int offset) {
    for (int i = 0; i < 32; i++) {
      out[offset + i] = bytes[31 - i];
    }
  }

  public boolean isZero() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  public String toHex() {
    char[] out = new char[64];
    for (int i = 0; i < 32; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash32 && Arrays.equals(bytes, ((Hash32) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash32 o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
