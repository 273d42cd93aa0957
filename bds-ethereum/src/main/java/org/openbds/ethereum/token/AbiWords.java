package org.openbds.ethereum.token;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reading ABI-encoded bytes (32-byte big-endian words) that come from contracts, i.e. from anyone. Every reader checks
 * bounds and answers "absent" instead of throwing, so that hostile log data or call results can never stop a sync.
 */
final class AbiWords {
  static final int WORD = 32;
  private static final int ADDRESS_BYTES = 20;
  private static final HexFormat HEX = HexFormat.of();

  private AbiWords() {}

  /** The bytes of {@code "0x"} + an even number of hex digits (either case); anything else is absent. */
  static Optional<byte[]> parseHex(String hex) {
    if (hex == null || hex.length() < 2 || hex.charAt(0) != '0' || (hex.charAt(1) != 'x' && hex.charAt(1) != 'X')) {
      return Optional.empty();
    }
    int digits = hex.length() - 2;
    if (digits % 2 != 0) {
      return Optional.empty();
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Character.digit(hex.charAt(2 + 2 * i), 16);
      int lo = Character.digit(hex.charAt(3 + 2 * i), 16);
      if (hi < 0 || lo < 0) {
        return Optional.empty();
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return Optional.of(out);
  }

  /** True when a whole word starts at {@code offset}. */
  static boolean hasWord(byte[] data, long offset) {
    return offset >= 0 && offset <= data.length - (long) WORD;
  }

  /** The word at {@code offset} as an unsigned integer (0 to 2^256-1); the caller checked {@link #hasWord}. */
  static BigInteger uint256(byte[] data, int offset) {
    return new BigInteger(1, Arrays.copyOfRange(data, offset, offset + WORD));
  }

  /**
   * The word at {@code offset} as a non-negative int, absent when it does not fit (an offset or a length that large
   * cannot point inside any data we hold).
   */
  static OptionalInt smallUint(byte[] data, int offset) {
    for (int i = offset; i < offset + WORD - 4; i++) {
      if (data[i] != 0) {
        return OptionalInt.empty();
      }
    }
    int value = 0;
    for (int i = offset + WORD - 4; i < offset + WORD; i++) {
      value = value << 8 | (data[i] & 0xff);
    }
    return value < 0 ? OptionalInt.empty() : OptionalInt.of(value);
  }

  /**
   * The word at {@code offset} as an address ({@code "0x"} + 40 lowercase hex), absent unless its first 12 bytes are
   * zero: a word with anything there is not an ABI-encoded address, and cutting it down would invent one.
   */
  static Optional<String> address(byte[] data, int offset) {
    for (int i = offset; i < offset + WORD - ADDRESS_BYTES; i++) {
      if (data[i] != 0) {
        return Optional.empty();
      }
    }
    return Optional.of("0x" + HEX.formatHex(data, offset + WORD - ADDRESS_BYTES, offset + WORD));
  }
}
