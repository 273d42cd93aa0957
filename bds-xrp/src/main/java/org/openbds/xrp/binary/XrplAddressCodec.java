package org.openbds.xrp.binary;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Classic XRP Ledger addresses ("r…"): base58 with the Ripple alphabet over a version byte (0 for accounts), the
 * 20-byte account id and a 4-byte checksum (the first bytes of a double SHA-256). X-addresses are not accepted:
 * rippled never prints them.
 */
public final class XrplAddressCodec {
  private static final String ALPHABET = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);
  private static final int ACCOUNT_VERSION = 0;

  private XrplAddressCodec() {}

  /** The 20-byte account id of an r-address; a wrong character, length, version or checksum names the field. */
  public static byte[] decodeAccountId(String address, String field) {
    byte[] known = DECODED.get(address);
    if (known != null) {
      return known.clone();
    }
    byte[] id = decodeChecked(address, field);
    if (DECODED.size() >= CACHE_LIMIT) {
      DECODED.clear();
    }
    DECODED.put(address, id);
    return id.clone();
  }

  /**
   * Account ids already decoded: the same accounts recur throughout a ledger's transactions and metadata, and each
   * decoding costs a base58 conversion and two SHA-256 hashes. Bounded; emptied when full.
   */
  private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> DECODED = new java.util.concurrent.ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 200_000;

  private static byte[] decodeChecked(String address, String field) {
    byte[] decoded = decodeBase58(address, field);
    if (decoded.length != 25 || decoded[0] != ACCOUNT_VERSION) {
      throw malformed(field, "not a classic account address: " + address);
    }
    byte[] payload = Arrays.copyOfRange(decoded, 0, 21);
    byte[] check = Arrays.copyOfRange(sha256(sha256(payload)), 0, 4);
    if (!Arrays.equals(check, Arrays.copyOfRange(decoded, 21, 25))) {
      throw malformed(field, "bad checksum in address " + address);
    }
    return Arrays.copyOfRange(decoded, 1, 21);
  }

  /** The r-address of a 20-byte account id; the inverse of {@link #decodeAccountId}. */
  public static String encodeAccountId(byte[] accountId) {
    if (accountId.length != 20) {
      throw new IllegalArgumentException("an account id has 20 bytes, got " + accountId.length);
    }
    byte[] payload = new byte[21];
    System.arraycopy(accountId, 0, payload, 1, 20);
    byte[] full = Arrays.copyOf(payload, 25);
    System.arraycopy(sha256(sha256(payload)), 0, full, 21, 4);
    StringBuilder out = new StringBuilder();
    BigInteger n = new BigInteger(1, full);
    while (n.signum() > 0) {
      BigInteger[] qr = n.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      n = qr[0];
    }
    // Each leading zero byte is written as the alphabet's zero digit, which is 'r' here.
    for (int i = 0; i < full.length && full[i] == 0; i++) {
      out.append(ALPHABET.charAt(0));
    }
    return out.reverse().toString();
  }

  /** The value of each base58 character of the alphabet, -1 for the others. */
  private static final int[] DIGITS = new int[128];

  static {
    java.util.Arrays.fill(DIGITS, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      DIGITS[ALPHABET.charAt(i)] = i;
    }
  }

  private static byte[] decodeBase58(String text, String field) {
    if (text == null || text.isEmpty() || text.length() > 64) {
      throw malformed(field, "not an address: " + text);
    }
    // big-endian base-256 digits, multiplied by 58 and added to digit by digit: no big-number objects per address
    byte[] b256 = new byte[text.length()];
    int length = 0;
    int leadingZeros = 0;
    boolean leading = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int digit = c < 128 ? DIGITS[c] : -1;
      if (digit < 0) {
        throw malformed(field, "character '" + c + "' is not base58 in address " + text);
      }
      if (leading && digit == 0) {
        leadingZeros++;
        continue;
      }
      leading = false;
      int carry = digit;
      for (int j = 0; j < length; j++) {
        carry += (b256[b256.length - 1 - j] & 0xff) * 58;
        b256[b256.length - 1 - j] = (byte) carry;
        carry >>>= 8;
      }
      while (carry > 0) {
        b256[b256.length - 1 - length++] = (byte) carry;
        carry >>>= 8;
      }
    }
    byte[] out = new byte[leadingZeros + length];
    System.arraycopy(b256, b256.length - length, out, leadingZeros, length);
    return out;
  }


  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  static BdsException malformed(String field, String message) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, "XRPL field " + field + ": " + message);
  }
}
