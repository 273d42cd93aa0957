package org.openbds.bitcoin.address;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Base58 and Base58Check, the legacy address encoding of the Bitcoin family. */
public final class Base58 {
  private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEXES = new int[128];

  static {
    Arrays.fill(INDEXES, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEXES[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  /** Base58Check of a one-byte version followed by a payload. */
  public static String encodeCheck(int version, byte[] payload) {
    byte[] data = new byte[1 + payload.length + 4];
    data[0] = (byte) version;
    System.arraycopy(payload, 0, data, 1, payload.length);
    byte[] check = doubleSha256(data, 1 + payload.length);
    System.arraycopy(check, 0, data, 1 + payload.length, 4);
    return encode(data);
  }

  /** Decodes a Base58Check string into version byte + payload, or null when it is not valid Base58Check. */
  public static byte[] decodeCheck(String s) {
    byte[] data = decode(s);
    if (data == null || data.length < 5) {
      return null;
    }
    byte[] check = doubleSha256(data, data.length - 4);
    for (int i = 0; i < 4; i++) {
      if (check[i] != data[data.length - 4 + i]) {
        return null;
      }
    }
    return Arrays.copyOf(data, data.length - 4);
  }

  public static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    byte[] work = Arrays.copyOf(input, input.length);
    char[] out = new char[input.length * 2];
    int outStart = out.length;
    int start = zeros;
    while (start < work.length) {
      int remainder = 0;
      for (int i = start; i < work.length; i++) {
        int digit = (remainder << 8) | (work[i] & 0xff);
        work[i] = (byte) (digit / 58);
        remainder = digit % 58;
      }
      out[--outStart] = ALPHABET[remainder];
      while (start < work.length && work[start] == 0) {
        start++;
      }
    }
    for (int i = 0; i < zeros; i++) {
      out[--outStart] = '1';
    }
    return new String(out, outStart, out.length - outStart);
  }

  /** Decodes Base58, or returns null when {@code s} has a character outside the alphabet. */
  public static byte[] decode(String s) {
    byte[] input58 = new byte[s.length()];
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int digit = c < 128 ? INDEXES[c] : -1;
      if (digit < 0) {
        return null;
      }
      input58[i] = (byte) digit;
    }
    int zeros = 0;
    while (zeros < input58.length && input58[zeros] == 0) {
      zeros++;
    }
    byte[] decoded = new byte[s.length()];
    int outStart = decoded.length;
    int start = zeros;
    while (start < input58.length) {
      int remainder = 0;
      for (int i = start; i < input58.length; i++) {
        int digit = (remainder * 58) + (input58[i] & 0xff);
        input58[i] = (byte) (digit / 256);
        remainder = digit % 256;
      }
      decoded[--outStart] = (byte) remainder;
      while (start < input58.length && input58[start] == 0) {
        start++;
      }
    }
    while (outStart < decoded.length && decoded[outStart] == 0) {
      outStart++;
    }
    return Arrays.copyOfRange(decoded, outStart - zeros, decoded.length);
  }

  private static byte[] doubleSha256(byte[] data, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, 0, length);
      return md.digest(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
