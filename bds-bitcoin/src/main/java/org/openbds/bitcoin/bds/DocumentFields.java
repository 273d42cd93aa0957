package org.openbds.bitcoin.bds;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Typed, path-naming access to the fields of one BDS message: every missing, null or ill-typed field is a
 * {@link ErrorCode#MALFORMED_BLOCK} that names the message's origin and the field's path ({@code tx[3].vout[1].value}).
 * Not thread-safe only in the sense that it belongs to one message; the shared parser is thread-safe.
 */
final class DocumentFields {
  /**
   * Floats become {@link BigDecimal}s parsed from their text, so that no value ever passes through a binary double.
   * Duplicate keys are refused: a message naming a field twice has no one meaning. Strings may be as long as a Kafka
   * message (the hex of a large script), numbers keep Jackson's limit of 1,000 digits.
   */
  static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxStringLength(256 << 20).build()).build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // error messages quote a number as written: 1.0 stays 1.0
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final String origin;

  DocumentFields(String origin) {
    this.origin = requireNonNull(origin, "origin is null");
  }

  /** Parses a whole message, which must be one JSON object. */
  JsonNode parse(byte[] document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": not a JSON document: " + firstLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw malformed("(document)", "expected a JSON object, got " + kind(root));
    }
    return root;
  }

  BdsException malformed(String path, String what) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": " + path + ": " + what);
  }

  /** The first of {@code names} that {@code parent} has (a non-null value), or a "missing" error. */
  JsonNode required(JsonNode parent, String path, String... names) {
    JsonNode n = optional(parent, names);
    if (n == null) {
      throw malformed(join(path, names[0]), "missing" + (names.length > 1 ? " (nor " + String.join(", ", java.util.Arrays.asList(names).subList(1, names.length)) + ")" : ""));
    }
    return n;
  }

  /** The first of {@code names} that {@code parent} has with a non-null value, or null. */
  static JsonNode optional(JsonNode parent, String... names) {
    for (String name : names) {
      JsonNode n = parent.get(name);
      if (n != null && !n.isNull()) {
        return n;
      }
    }
    return null;
  }

  /** The name among {@code names} that {@code parent} uses, for paths in messages. */
  static String nameUsed(JsonNode parent, String... names) {
    for (String name : names) {
      if (parent.hasNonNull(name)) {
        return name;
      }
    }
    return names[0];
  }

  /** A JSON integer from {@code min} to {@code max}; 1.0 or "1" is not one. */
  long integer(JsonNode n, String path, long min, long max) {
    if (!n.isIntegralNumber()) {
      throw malformed(path, "expected an integer, got " + kind(n));
    }
    BigInteger v = n.bigIntegerValue();
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw malformed(path, v + " is out of range (" + min + " to " + max + ")");
    }
    return v.longValueExact();
  }

  long integer(JsonNode parent, String path, String name, long min, long max) {
    return integer(required(parent, path, name), join(path, name), min, max);
  }

  /** Any JSON number, as the exact decimal its text denotes. */
  BigDecimal number(JsonNode n, String path) {
    if (!n.isNumber()) {
      throw malformed(path, "expected a number, got " + kind(n));
    }
    return n.decimalValue();
  }

  String text(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw malformed(path, "expected a string, got " + kind(n));
    }
    return n.textValue();
  }

  /** A string of hexadecimal digits (either case, even length) as bytes. */
  byte[] hex(JsonNode n, String path) {
    String s = text(n, path);
    if (s.length() % 2 != 0) {
      throw malformed(path, "expected hexadecimal bytes, got an odd number of digits (" + s.length() + ")");
    }
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw malformed(path, "expected hexadecimal bytes, got " + quote(s));
    }
  }

  Hash32 hash(JsonNode n, String path) {
    String s = text(n, path);
    try {
      return Hash32.parse(s);
    } catch (BdsException e) {
      throw malformed(path, "expected a 64-digit hex hash, got " + quote(s));
    }
  }

  JsonNode array(JsonNode n, String path) {
    if (!n.isArray()) {
      throw malformed(path, "expected an array, got " + kind(n));
    }
    return n;
  }

  JsonNode object(JsonNode n, String path) {
    if (!n.isObject()) {
      throw malformed(path, "expected an object, got " + kind(n));
    }
    return n;
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static String kind(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "null";
    }
    if (n.isTextual()) {
      return "the string " + quote(n.textValue());
    }
    if (n.isNumber() || n.isBoolean()) {
      String s = n.toString();
      return (n.isNumber() ? "the number " : "") + (s.length() > 40 ? s.substring(0, 40) + "…" : s);
    }
    return n.isArray() ? "an array" : "an object";
  }

  static String quote(String s) {
    return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
