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

  /**
   * Base58 of a byte string. Works on 32-bit limbs and divides by 58^5 per pass, which is about fifteen times fewer
   * divisions than the byte-wise schoolbook method; addresses are encoded for every output of every block.
   */
  public static String encode(byte[] input) {
    int zeros = 0;
    while (zeros < input.length && input[zeros] == 0) {
      zeros++;
    }
    int byteCount = input.length - zeros;
    int limbCount = (byteCount + 3) / 4;
    long[] limbs = new long[limbCount];
    // big-endian 32-bit limbs of the significant bytes (the first limb takes the leftover high bytes)
    int b = zeros;
    int firstBytes = byteCount - (limbCount - 1) * 4;
    for (int i = 0; i < limbCount; i++) {
      int take = i == 0 ? firstBytes : 4;
      long v = 0;
      for (int k = 0; k < take; k++) {
        v = (v << 8) | (input[b++] & 0xff);
      }
      limbs[i] = v;
    }
    char[] out = new char[zeros + byteCount * 138 / 100 + 6];
    int pos = out.length;
    int start = 0;
    final long base5 = 58L * 58 * 58 * 58 * 58;
    while (start < limbCount) {
      long remainder = 0;
      for (int i = start; i < limbCount; i++) {
        long cur = (remainder << 32) | limbs[i];
        limbs[i] = cur / base5;
        remainder = cur % base5;
      }
      while (start < limbCount && limbs[start] == 0) {
        start++;
      }
      // five base-58 digits per pass; leading zero digits of the last pass are trimmed below
      for (int k = 0; k < 5; k++) {
        out[--pos] = ALPHABET[(int) (remainder % 58)];
        remainder /= 58;
      }
    }
    while (pos < out.length && out[pos] == ALPHABET[0]) {
      pos++;
    }
    for (int i = 0; i < zeros; i++) {
      out[--pos] = '1';
    }
    return new String(out, pos, out.length - pos);
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

  private static final MessageDigest SHA256_PROTOTYPE = sha256();

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] doubleSha256(byte[] data, int length) {
    MessageDigest md;
    try {
      // cloning a fresh prototype is cheaper than a provider look-up per address
      md = (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      md = sha256();
    }
    md.update(data, 0, length);
    return md.digest(md.digest());
  }
}
