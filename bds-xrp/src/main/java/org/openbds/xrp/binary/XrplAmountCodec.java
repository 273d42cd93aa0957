package org.openbds.xrp.binary;

import static org.openbds.xrp.binary.XrplAddressCodec.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The Amount type. XRP is a string of integer drops in 8 bytes; an issued currency is {value, currency, issuer} in 48
 * bytes (a 64-bit decimal float, then currency and issuer); an MPT amount is {mpt_issuance_id, value} in 33 bytes.
 *
 * <p>Issued values are parsed as exact decimals, never through binary floating point. The network keeps 16
 * significant digits and exponents from -96 to 80, so every amount it ever printed fits exactly; a value that does
 * not (17 or more significant digits, or out of range) cannot come from a validated ledger and is rejected rather
 * than rounded, because rounding would silently hash something the network never signed.
 */
public final class XrplAmountCodec {
  static final int MIN_EXPONENT = -96;
  static final int MAX_EXPONENT = 80;
  private static final int SIGNIFICANT_DIGITS = 16;
  private static final BigInteger MAX_DROPS = BigInteger.TEN.pow(17);
  private static final Pattern DROPS = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern MPT_VALUE = Pattern.compile("[0-9]{1,19}");
  private static final long NOT_XRP = 1L << 63;
  private static final long POSITIVE = 1L << 62;
  private static final int MPT_MARKER = 0x20;
  private static final HexFormat HEX = HexFormat.of();

  private XrplAmountCodec() {}

  /** The bytes of an Amount field as rippled prints it in JSON. */
  public static byte[] encode(JsonNode amount, String field) {
    if (amount.isTextual()) {
      return ByteBuffer.allocate(8).putLong(xrpBits(amount.asText(), field)).array();
    }
    if (!amount.isObject()) {
      throw malformed(field, "an amount is a string of drops or an object, got " + amount);
    }
    if (amount.has("mpt_issuance_id")) {
      return encodeMpt(amount, field);
    }
    String value = text(amount, "value", field);
    byte[] currency = currencyCode(text(amount, "currency", field), field);
    if (isZero(currency)) {
      throw malformed(field, "an issued amount cannot be in XRP");
    }
    byte[] issuer = XrplAddressCodec.decodeAccountId(text(amount, "issuer", field), field);
    return ByteBuffer.allocate(48).putLong(issuedBits(value, field)).put(currency).put(issuer).array();
  }

  /**
   * The 64 bits of an XRP amount in drops. Negative drops are accepted: validated ledgers of 2013 hold some, and the
   * format has a sign bit for them.
   */
  public static long xrpBits(String drops, String field) {
    if (!DROPS.matcher(drops).matches()) {
      throw malformed(field, "XRP is an integer number of drops, got " + drops);
    }
    BigInteger value = new BigInteger(drops);
    if (value.abs().compareTo(MAX_DROPS) > 0) {
      throw malformed(field, "more drops than exist: " + drops);
    }
    long magnitude = value.abs().longValueExact();
    return value.signum() < 0 ? magnitude : POSITIVE | magnitude;
  }

  /** The 64 bits of an issued-currency value: not-XRP bit, sign bit, exponent + 97 in 8 bits, 54-bit mantissa. */
  public static long issuedBits(String value, String field) {
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw malformed(field, "not a decimal value: " + value);
    }
    if (decimal.signum() == 0) {
      return NOT_XRP; // zero has a form of its own: no sign, exponent or mantissa
    }
    BigDecimal stripped = decimal.stripTrailingZeros();
    BigInteger digits = stripped.unscaledValue().abs();
    int precision = stripped.precision();
    if (precision > SIGNIFICANT_DIGITS) {
      throw malformed(field, value + " has more than 16 significant digits");
    }
    int shift = SIGNIFICANT_DIGITS - precision;
    long mantissa = digits.multiply(BigInteger.TEN.pow(shift)).longValueExact();
    long exponent = -(long) stripped.scale() - shift;
    if (exponent < MIN_EXPONENT || exponent > MAX_EXPONENT) {
      throw malformed(field, value + " is outside the range of issued amounts");
    }
    long sign = decimal.signum() > 0 ? POSITIVE : 0;
    return NOT_XRP | sign | ((exponent + 97) << 54) | mantissa;
  }

  /** A Currency: "XRP" (all zeros), a three-character ISO-style code, or 40 hex digits taken as they are. */
  public static byte[] currencyCode(String code, String field) {
    if (code.equals("XRP")) {
      return new byte[20];
    }
    if (code.length() == 3) {
      byte[] out = new byte[20];
      for (int i = 0; i < 3; i++) {
        char c = code.charAt(i);
        if (c <= ' ' || c > '~') {
          throw malformed(field, "not a currency code: " + code);
        }
        out[12 + i] = (byte) c;
      }
      return out;
    }
    if (code.length() == 40) {
      return hex(code, 20, field);
    }
    throw malformed(field, "a currency is 3 characters or 40 hex digits, got " + code);
  }

  private static byte[] encodeMpt(JsonNode amount, String field) {
    String value = text(amount, "value", field);
    if (!MPT_VALUE.matcher(value).matches()) {
      throw malformed(field, "an MPT amount is a non-negative integer, got " + value);
    }
    long units;
    try {
      units = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw malformed(field, "MPT amount too large: " + value);
    }
    byte[] id = hex(text(amount, "mpt_issuance_id", field), 24, field);
    return ByteBuffer.allocate(33).put((byte) (MPT_MARKER | 0x40)).putLong(units).put(id).array();
  }

  static byte[] hex(String text, int length, String field) {
    if (text.length() != 2 * length) {
      throw malformed(field, "expected " + 2 * length + " hex digits, got " + text.length());
    }
    try {
      return HEX.parseHex(text);
    } catch (IllegalArgumentException e) {
      throw malformed(field, "not hexadecimal: " + text);
    }
  }

  private static String text(JsonNode object, String key, String field) {
    JsonNode node = object.get(key);
    if (node == null || !node.isTextual()) {
      throw malformed(field, "missing text \"" + key + "\" in " + object);
    }
    return node.asText();
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }
}
