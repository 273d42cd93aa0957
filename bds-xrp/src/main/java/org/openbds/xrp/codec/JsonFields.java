package org.openbds.xrp.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Strict readers of the fields rippled prints. Every failure is a {@link ErrorCode#MALFORMED_BLOCK} naming the field
 * and where it was read ({@code where}: the ledger, the transaction…), so that a bad file is found from the message.
 */
public final class JsonFields {
  private JsonFields() {}

  public static BdsException malformed(String where, String what) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, where + ": " + what);
  }

  /** A field that must be present and not null. */
  public static JsonNode require(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw malformed(where, "missing field " + field);
    }
    return v;
  }

  public static String requireText(JsonNode node, String field, String where) {
    JsonNode v = require(node, field, where);
    if (!v.isTextual()) {
      throw malformed(where, field + " is not a string: " + abbreviate(v));
    }
    return v.textValue();
  }

  public static Optional<String> optionalText(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      throw malformed(where, field + " is not a string: " + abbreviate(v));
    }
    return Optional.of(v.textValue());
  }

  /**
   * An unsigned integer printed as a JSON number or as a string of decimal digits (rippled prints ledger indexes and
   * coin totals either way, depending on the version and the method), no larger than {@code max}.
   */
  public static long requireUnsigned(JsonNode node, String field, long max, String where) {
    return unsigned(require(node, field, where), field, max, where);
  }

  public static OptionalLong optionalUnsigned(JsonNode node, String field, long max, String where) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? OptionalLong.empty() : OptionalLong.of(unsigned(v, field, max, where));
  }

  private static long unsigned(JsonNode v, String field, long max, String where) {
    long value;
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      value = v.longValue();
    } else if (v.isTextual() && isDigits(v.textValue())) {
      try {
        value = Long.parseLong(v.textValue());
      } catch (NumberFormatException e) {
        throw malformed(where, field + " is out of range: " + v.textValue());
      }
    } else {
      throw malformed(where, field + " is not an unsigned integer: " + abbreviate(v));
    }
    if (value < 0 || value > max) {
      throw malformed(where, field + " is out of range: " + value);
    }
    return value;
  }

  /** A 64-bit field rippled prints as hexadecimal (UInt64 such as an NFToken offer node), with or without padding. */
  public static OptionalLong optionalHex64(JsonNode node, String field, String where) {
    Optional<String> text = optionalText(node, field, where);
    if (text.isEmpty()) {
      return OptionalLong.empty();
    }
    String t = text.get();
    if (t.isEmpty() || t.length() > 16 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw malformed(where, field + " is not a 64-bit hexadecimal number: " + t);
    }
    return OptionalLong.of(Long.parseUnsignedLong(t, 16));
  }

  public static Hash32 requireHash(JsonNode node, String field, String where) {
    return hash(requireText(node, field, where), field, where);
  }

  public static Optional<Hash32> optionalHash(JsonNode node, String field, String where) {
    return optionalText(node, field, where).map(t -> hash(t, field, where));
  }

  public static Hash32 hash(String text, String field, String where) {
    if (text.length() != 64 || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
      throw malformed(where, field + " is not a 256-bit hash: " + abbreviate(text));
    }
    return Hash32.parse(text);
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.length() <= 20 && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  static String abbreviate(Object value) {
    String s = String.valueOf(value);
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
