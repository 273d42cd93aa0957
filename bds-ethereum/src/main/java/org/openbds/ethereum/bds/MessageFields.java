package org.openbds.ethereum.bds;

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
import java.util.Locale;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Typed, path-naming access to the fields of one Ethereum-family message of the original BDS product. Integers are
 * exact whatever their width: unquoted JSON integers (the messages write 256-bit amounts that way), decimal strings
 * or {@code 0x} hex strings; a float is accepted only when it denotes a whole number exactly. Hashes, addresses and
 * byte strings are accepted with or without {@code 0x} and in either case, and come out in our form: {@code 0x} and
 * lowercase. Every missing, null or ill-typed field is a {@link ErrorCode#MALFORMED_BLOCK} naming the message's
 * origin and the field's path.
 */
final class MessageFields {
  static final ObjectMapper JSON =
      JsonMapper.builder(JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder().maxStringLength(256 << 20).build()).build())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private final String origin;

  MessageFields(String origin) {
    this.origin = requireNonNull(origin, "origin is null");
  }

  JsonNode parse(byte[] document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      String m = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": not a JSON document: " + m, e);
    }
    if (root == null || !root.isObject()) {
      throw malformed("(document)", "expected a JSON object");
    }
    return root;
  }

  BdsException malformed(String path, String what) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, origin + ": " + path + ": " + what);
  }

  JsonNode required(JsonNode parent, String path, String name) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      throw malformed(join(path, name), "missing");
    }
    return n;
  }

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static Optional<JsonNode> optional(JsonNode parent, String name) {
    JsonNode n = parent.get(name);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  JsonNode object(JsonNode parent, String path, String name) {
    JsonNode n = required(parent, path, name);
    if (!n.isObject()) {
      throw malformed(join(path, name), "expected an object, got " + kind(n));
    }
    return n;
  }

  /** An array; an absent or null one is empty (the messages leave out empty lists). */
  JsonNode array(JsonNode parent, String path, String name) {
    JsonNode n = parent.get(name);
    if (n == null || n.isNull()) {
      return JSON.createArrayNode();
    }
    if (!n.isArray()) {
      throw malformed(join(path, name), "expected an array, got " + kind(n));
    }
    return n;
  }

  BigInteger integer(JsonNode parent, String path, String name) {
    return integer(required(parent, path, name), join(path, name));
  }

  Optional<BigInteger> optionalInteger(JsonNode parent, String path, String name) {
    return optional(parent, name).map(n -> integer(n, join(path, name)));
  }

  BigInteger integer(JsonNode n, String path) {
    BigInteger v;
    if (n.isIntegralNumber()) {
      v = n.bigIntegerValue();
    } else if (n.isNumber()) {
      BigDecimal d = n.decimalValue();
      try {
        v = d.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw malformed(path, "expected an integer, got the number " + n);
      }
    } else if (n.isTextual() && n.textValue().matches("0[xX][0-9a-fA-F]{1,64}")) {
      v = new BigInteger(n.textValue().substring(2), 16);
    } else if (n.isTextual() && n.textValue().matches("[0-9]{1,80}")) {
      v = new BigInteger(n.textValue());
    } else {
      throw malformed(path, "expected an integer, got " + kind(n));
    }
    if (v.signum() < 0 || v.bitLength() > 256) {
      throw malformed(path, v + " is not an unsigned 256-bit integer");
    }
    return v;
  }

  long longValue(JsonNode parent, String path, String name) {
    return longValue(required(parent, path, name), join(path, name));
  }

  long longValue(JsonNode n, String path) {
    BigInteger v = integer(n, path);
    if (v.bitLength() > 63) {
      throw malformed(path, v + " is too large");
    }
    return v.longValueExact();
  }

  int intValue(JsonNode parent, String path, String name) {
    long v = longValue(parent, path, name);
    if (v > Integer.MAX_VALUE) {
      throw malformed(join(path, name), v + " is too large");
    }
    return (int) v;
  }

  String text(JsonNode n, String path) {
    if (!n.isTextual()) {
      throw malformed(path, "expected a string, got " + kind(n));
    }
    return n.textValue();
  }

  Hash32 hash(JsonNode parent, String path, String name) {
    return hash(required(parent, path, name), join(path, name));
  }

  Hash32 hash(JsonNode n, String path) {
    String s = withoutPrefix(text(n, path));
    if (!s.matches("[0-9a-fA-F]{64}")) {
      throw malformed(path, "expected a 32-byte hex hash, got " + quote(n.textValue()));
    }
    return Hash32.parse(s);
  }

  /** An address as {@code 0x} and 40 lowercase hex digits. */
  String address(JsonNode parent, String path, String name) {
    return address(required(parent, path, name), join(path, name));
  }

  /** An address, empty when absent, null or the empty string (a contract creation has no recipient). */
  Optional<String> optionalAddress(JsonNode parent, String path, String name) {
    Optional<JsonNode> n = optional(parent, name);
    if (n.isEmpty() || (n.get().isTextual() && n.get().textValue().isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(address(n.get(), join(path, name)));
  }

  String address(JsonNode n, String path) {
    String s = withoutPrefix(text(n, path));
    if (!s.matches("[0-9a-fA-F]{40}")) {
      throw malformed(path, "expected a 20-byte hex address, got " + quote(n.textValue()));
    }
    return "0x" + s.toLowerCase(Locale.ROOT);
  }

  /** Bytes as {@code 0x} and lowercase hex ({@code 0x} alone when empty). */
  String data(JsonNode parent, String path, String name) {
    JsonNode n = required(parent, path, name);
    String s = withoutPrefix(text(n, join(path, name)));
    if (s.length() % 2 != 0 || !s.matches("[0-9a-fA-F]*")) {
      throw malformed(join(path, name), "expected hex bytes, got " + quote(n.textValue()));
    }
    return "0x" + s.toLowerCase(Locale.ROOT);
  }

  private static String withoutPrefix(String s) {
    return s.startsWith("0x") || s.startsWith("0X") ? s.substring(2) : s;
  }

  static String kind(JsonNode n) {
    if (n.isTextual()) {
      return "the string " + quote(n.textValue());
    }
    if (n.isNumber() || n.isBoolean()) {
      return (n.isNumber() ? "the number " : "") + n;
    }
    return n.isArray() ? "an array" : "an object";
  }

  static String quote(String s) {
    return "\"" + (s.length() > 48 ? s.substring(0, 48) + "…" : s) + "\"";
  }
}
