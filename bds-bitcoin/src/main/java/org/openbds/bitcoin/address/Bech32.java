package org.openbds.bitcoin.address;

import java.util.Locale;

/** Segregated-witness addresses: Bech32 (BIP173) for version 0 and Bech32m (BIP350) for versions 1 to 16. */
public final class Bech32 {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final byte[] CHARSET_BYTES = CHARSET.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;

  private Bech32() {}

  /** The address of a witness program, or null when the program is not a valid one (BIP141 sizes). */
  public static String encodeSegwit(String hrp, int witnessVersion, byte[] program) {
    if (witnessVersion < 0 || witnessVersion > 16 || program.length < 2 || program.length > 40) {
      return null;
    }
    if (witnessVersion == 0 && program.length != 20 && program.length != 32) {
      return null;
    }
    byte[] five = convertBits(program, 8, 5, true);
    byte[] data = new byte[five.length + 1];
    data[0] = (byte) witnessVersion;
    System.arraycopy(five, 0, data, 1, five.length);
    return encode(hrp, data, witnessVersion == 0 ? BECH32_CONST : BECH32M_CONST);
  }

  /**
   * Decodes a segwit address with the given prefix into {version, program...}, or null when it is not a valid BIP173 /
   * BIP350 address (checksum, witness version 0 to 16, program size).
   */
  public static byte[] decodeSegwit(String hrp, String address) {
    String lower = address.toLowerCase(Locale.ROOT);
    if (!lower.equals(address) && !address.toUpperCase(Locale.ROOT).equals(address)) {
      return null;
    }
    int sep = lower.lastIndexOf('1');
    if (sep < 1 || !lower.substring(0, sep).equals(hrp) || lower.length() - sep - 1 < 7) {
      return null;
    }
    byte[] data = new byte[lower.length() - sep - 1];
    for (int i = 0; i < data.length; i++) {
      int v = CHARSET.indexOf(lower.charAt(sep + 1 + i));
      if (v < 0) {
        return null;
      }
      data[i] = (byte) v;
    }
    int check = polymod(hrp, data);
    int version = data[0];
    if (version > 16 || check != (version == 0 ? BECH32_CONST : BECH32M_CONST)) {
      return null;
    }
    byte[] five = new byte[data.length - 7];
    System.arraycopy(data, 1, five, 0, five.length);
    byte[] program = convertBits(five, 5, 8, false);
    // BIP141 program sizes: 2 to 40 bytes, and exactly 20 or 32 for version 0
    if (program == null
        || program.length < 2
        || program.length > 40
        || (version == 0 && program.length != 20 && program.length != 32)) {
      return null;
    }
    byte[] out = new byte[program.length + 1];
    out[0] = (byte) version;
    System.arraycopy(program, 0, out, 1, program.length);
    return out;
  }

  private static String encode(String hrp, byte[] data, int constant) {
    byte[] values = new byte[data.length + 6];
    System.arraycopy(data, 0, values, 0, data.length);
    int mod = polymod(hrp, values) ^ constant;
    for (int i = 0; i < 6; i++) {
      values[data.length + i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    byte[] text = new byte[hrp.length() + 1 + values.length];
    int n = 0;
    for (int i = 0; i < hrp.length(); i++) {
      text[n++] = (byte) hrp.charAt(i);
    }
    text[n++] = '1';
    for (byte v : values) {
      text[n++] = CHARSET_BYTES[v];
    }
    return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  private static int polymod(String hrp, byte[] values) {
    int chk = 1;
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk) ^ (hrp.charAt(i) >> 5);
    }
    chk = step(chk);
    for (int i = 0; i < hrp.length(); i++) {
      chk = step(chk) ^ (hrp.charAt(i) & 31);
    }
    for (byte v : values) {
      chk = step(chk) ^ v;
    }
    return chk;
  }

  /** For each value of a checksum's top five bits, the XOR of the generators those bits select (BIP173). */
  private static final int[] GENERATOR_TABLE = generatorTable();

  private static int[] generatorTable() {
    int[] generators = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int[] table = new int[32];
    for (int top = 0; top < 32; top++) {
      for (int bit = 0; bit < 5; bit++) {
        if ((top >>> bit & 1) != 0) {
          table[top] ^= generators[bit];
        }
      }
    }
    return table;
  }

  private static int step(int chk) {
    // one table look-up instead of five data-dependent branches: addresses are random data
    return (chk & 0x1ffffff) << 5 ^ GENERATOR_TABLE[chk >>> 25];
  }

  static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    byte[] out = new byte[(in.length * from + to - 1) / to];
    int n = 0;
    for (byte b : in) {
      int value = b & 0xff;
      if ((value >>> from) != 0) {
        return null;
      }
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out[n++] = (byte) ((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out[n++] = (byte) ((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      return null;
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }
}
