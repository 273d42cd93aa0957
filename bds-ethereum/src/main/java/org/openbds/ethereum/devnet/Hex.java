package org.openbds.ethereum.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Locale;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/** Hex conventions of Ethereum JSON-RPC: 0x-prefixed quantities, data and addresses. */
final class Hex {
  private static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private Hex() {}

  /** A quantity as JSON-RPC writes it: {@code 0x0}, {@code 0x1b4} (no leading zeros). */
  static String quantity(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("a quantity is not negative: " + value);
    }
    return "0x" + value.toString(16);
  }

  static String quantity(long value) {
    return quantity(BigInteger.valueOf(value));
  }

  /** A hex quantity of an answer; anything else is a malformed answer. */
  static BigInteger bigQuantity(String what, JsonNode value) {
    String s = value == null ? "" : value.asText("");
    if (value == null || !value.isTextual() || !s.startsWith("0x") || s.length() < 3 || s.length() > 66) {
      throw malformed(what, "not a hex quantity: " + value);
    }
    try {
      return new BigInteger(s.substring(2), 16);
    } catch (NumberFormatException e) {
      throw malformed(what, "not a hex quantity: " + value);
    }
  }

  static long longQuantity(String what, JsonNode value) {
    BigInteger v = bigQuantity(what, value);
    if (v.bitLength() > 63) {
      throw malformed(what, "quantity out of range: " + value);
    }
    return v.longValueExact();
  }

  /** A 0x-prefixed 32-byte hash of an answer. */
  static Hash32 hash(String what, JsonNode value) {
    String s = value == null ? "" : value.asText("");
    if (value == null || !value.isTextual() || !s.startsWith("0x") || s.length() != 66) {
      throw malformed(what, "not a 32-byte hash: " + value);
    }
    return Hash32.parse(s.substring(2));
  }

  /** Lower-case hex digits of {@code bytes}, no prefix. */
  static String digits(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** The bytes of 0x-prefixed data from an answer. */
  static byte[] bytes(String what, String data) {
    if (data == null || !data.startsWith("0x") || data.length() % 2 != 0) {
      throw malformed(what, "not 0x-prefixed hex data: " + data);
    }
    try {
      return HexFormat.of().parseHex(data, 2, data.length());
    } catch (IllegalArgumentException e) {
      throw malformed(what, "not 0x-prefixed hex data: " + data);
    }
  }

  /** An address normalised to lower case; anything but 0x and 40 hex digits is an invalid argument. */
  static String address(String address) {
    if (address == null || address.length() != 42 || !address.startsWith("0x") || !address.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not an address (0x and 40 hex digits): " + address);
    }
    return address.toLowerCase(Locale.ROOT);
  }

  /** An address as a 32-byte ABI word (left-padded). */
  static byte[] addressWord(String address) {
    byte[] word = new byte[32];
    byte[] raw = HexFormat.of().parseHex(address(address), 2, 42);
    System.arraycopy(raw, 0, word, 12, 20);
    return word;
  }

  /** An unsigned integer below 2^256 as a 32-byte big-endian ABI word. */
  static byte[] uintWord(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(MAX_UINT256) > 0) {
      throw new IllegalArgumentException("not a uint256: " + value);
    }
    byte[] raw = value.toByteArray();
    byte[] word = new byte[32];
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, word, 32 - length, length);
    return word;
  }

  static BdsException malformed(String what, String reason) {
    return new BdsException(ErrorCode.MALFORMED_RESPONSE, what + ": malformed answer from the node: " + reason);
  }
}
