package org.openbds.bitcoin.address;

/** Bitcoin Cash's CashAddr encoding (prefix:payload), for P2PKH and P2SH hashes of 20 bytes. */
public final class CashAddr {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

  /** The address types of the version byte. */
  public enum Type {
    P2PKH(0),
    P2SH(1);

    final int bits;

    Type(int bits) {
      this.bits = bits;
    }
  }

  private CashAddr() {}

  public static String encode(String prefix, Type type, byte[] hash20) {
    if (hash20.length != 20) {
      throw new IllegalArgumentException("CashAddr hashes here have 20 bytes");
    }
    byte[] payload = new byte[21];
    payload[0] = (byte) (type.bits << 3); // size bits 0 = 160-bit hash
    System.arraycopy(hash20, 0, payload, 1, 20);
    byte[] five = Bech32.convertBits(payload, 8, 5, true);
    byte[] values = new byte[five.length + 8];
    System.arraycopy(five, 0, values, 0, five.length);
    long mod = polymod(prefix, values);
    for (int i = 0; i < 8; i++) {
      values[five.length + i] = (byte) ((mod >>> (5 * (7 - i))) & 31);
    }
    StringBuilder sb = new StringBuilder(prefix.length() + 1 + values.length);
    sb.append(prefix).append(':');
    for (byte v : values) {
      sb.append(CHARSET.charAt(v));
    }
    return sb.toString();
  }

  private static long polymod(String prefix, byte[] values) {
    long c = 1;
    for (int i = 0; i < prefix.length(); i++) {
      c = step(c, prefix.charAt(i) & 31);
    }
    c = step(c, 0);
    for (byte v : values) {
      c = step(c, v);
    }
    return c ^ 1;
  }

  private static long step(long c, int d) {
    long c0 = c >>> 35;
    c = ((c & 0x07ffffffffL) << 5) ^ d;
    if ((c0 & 0x01) != 0) c ^= 0x98f2bc8e61L;
    if ((c0 & 0x02) != 0) c ^= 0x79b76d99e2L;
    if ((c0 & 0x04) != 0) c ^= 0xf33e5fb3c4L;
    if ((c0 & 0x08) != 0) c ^= 0xae2eabe2a8L;
    if ((c0 & 0x10) != 0) c ^= 0x1e4f43e470L;
    return c;
  }
}
