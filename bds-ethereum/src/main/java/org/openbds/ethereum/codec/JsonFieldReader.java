package org.openbds.ethereum.codec;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/**
 * Reads the fields of one JSON object a node answered. It knows the block and the path of the object inside the
 * answer, so that every failure is an {@link ErrorCode#MALFORMED_RESPONSE} naming the block, the field and the bad
 * value. Immutable, so readers of one answer can be shared between threads.
 *
 * <p>A required field that is absent or JSON null is an error; an optional one is empty in both cases. Quantities are
 * {@code 0x} hex strings or non-negative JSON integers (some answers, e.g. {@code trace_block}'s {@code blockNumber},
 * use numbers) and are parsed exactly: a value that does not fit the Java type is an error, never clamped. Addresses
 * and byte strings come out lowercase with their {@code 0x}.
 */
final class JsonFieldReader {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final int SHOWN_CHARS = 90;

  private final String block;
  private final String path;
  private final JsonNode node;

  private JsonFieldReader(String block, String path, JsonNode node) {
    this.block = requireNonNull(block, "block is null");
    this.path = requireNonNull(path, "path is null");
    this.node = requireNonNull(node, "node is null");
  }

  /** The object {@code node} of block {@code block} (a label such as "block 483920"), named {@code path} in messages. */
  static JsonFieldReader of(JsonNode node, String block, String path) {
    if (node == null || !node.isObject()) {
      throw new BdsException(
          ErrorCode.MALFORMED_RESPONSE, block + ": " + path + ": expected a JSON object, got " + describe(node));
    }
    return new JsonFieldReader(block, path, node);
  }

  /** The elements of a JSON array of objects, named {@code path[i]}. */
  static List<JsonFieldReader> elements(JsonNode array, String block, String path) {
    if (array == null || !array.isArray()) {
      throw new BdsException(
          ErrorCode.MALFORMED_RESPONSE, block + ": " + path + ": expected a JSON array, got " + describe(array));
    }
    List<JsonFieldReader> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(of(array.get(i), block, path + "[" + i + "]"));
    }
    return out;
  }

  /** How messages name block {@code number}. */
  static String blockLabel(long number) {
    return "block " + number;
  }

  /** The same object, named after its block once the block number has been read. */
  JsonFieldReader inBlock(String blockLabel) {
    return new JsonFieldReader(blockLabel, path, node);
  }

  /** An error about {@code field} of this object; {@code problem} should show the bad value. */
  BdsException malformed(String field, String problem) {
    return new BdsException(ErrorCode.MALFORMED_RESPONSE, block + ": " + where(field) + ": " + problem);
  }

  boolean has(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  JsonFieldReader object(String field) {
    return of(required(field), block, where(field));
  }

  Optional<JsonFieldReader> optionalObject(String field) {
    return optional(field).map(v -> of(v, block, where(field)));
  }

  List<JsonFieldReader> objects(String field) {
    return elements(required(field), block, where(field));
  }

  Optional<List<JsonFieldReader>> optionalObjects(String field) {
    return optional(field).map(v -> elements(v, block, where(field)));
  }

  /** The raw value of a required field, for callers that check its shape themselves. */
  JsonNode raw(String field) {
    return required(field);
  }

  /** The number of elements of an optional array (access lists, authorization lists): 0 when absent. */
  int arraySize(String field) {
    Optional<JsonNode> v = optional(field);
    if (v.isPresent() && !v.get().isArray()) {
      throw malformed(field, "expected a JSON array, got " + describe(v.get()));
    }
    return v.map(JsonNode::size).orElse(0);
  }

  String text(String field) {
    return text(field, required(field));
  }

  Optional<String> optionalText(String field) {
    return optional(field).map(v -> text(field, v));
  }

  long longQuantity(String field) {
    return toLong(field, quantity(field, required(field)));
  }

  Optional<Long> optionalLongQuantity(String field) {
    return optional(field).map(v -> toLong(field, quantity(field, v)));
  }

  int intQuantity(String field) {
    return toInt(field, quantity(field, required(field)));
  }

  Optional<Integer> optionalIntQuantity(String field) {
    return optional(field).map(v -> toInt(field, quantity(field, v)));
  }

  BigInteger quantity(String field) {
    return quantity(field, required(field));
  }

  Optional<BigInteger> optionalQuantity(String field) {
    return optional(field).map(v -> quantity(field, v));
  }

  Hash32 hash(String field) {
    return hash(field, required(field));
  }

  Optional<Hash32> optionalHash(String field) {
    return optional(field).map(v -> hash(field, v));
  }

  /** A required array of hashes (uncles, topics). */
  List<Hash32> hashes(String field) {
    return hashes(field, required(field));
  }

  /** An optional array of hashes: empty when absent. */
  List<Hash32> optionalHashes(String field) {
    return optional(field).map(v -> hashes(field, v)).orElse(List.of());
  }

  String address(String field) {
    return address(field, required(field));
  }

  Optional<String> optionalAddress(String field) {
    return optional(field).map(v -> address(field, v));
  }

  String data(String field) {
    return hexBytes(field, required(field), -1);
  }

  Optional<String> optionalData(String field) {
    return optional(field).map(v -> hexBytes(field, v, -1));
  }

  /** A required array of small non-negative integers (a trace address). */
  List<Integer> ints(String field) {
    JsonNode v = required(field);
    if (!v.isArray()) {
      throw malformed(field, "expected a JSON array, got " + describe(v));
    }
    List<Integer> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      String element = field + "[" + i + "]";
      out.add(toInt(element, quantity(element, v.get(i))));
    }
    return out;
  }

  private String where(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private JsonNode required(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      throw malformed(field, "missing");
    }
    if (v.isNull()) {
      throw malformed(field, "null");
    }
    return v;
  }

  private Optional<JsonNode> optional(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  private String text(String field, JsonNode v) {
    if (!v.isTextual()) {
      throw malformed(field, "expected a string, got " + describe(v));
    }
    return v.textValue();
  }

  private List<Hash32> hashes(String field, JsonNode v) {
    if (!v.isArray()) {
      throw malformed(field, "expected a JSON array, got " + describe(v));
    }
    List<Hash32> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      out.add(hash(field + "[" + i + "]", v.get(i)));
    }
    return out;
  }

  private BigInteger quantity(String field, JsonNode v) {
    if (v.isIntegralNumber()) {
      BigInteger n = v.bigIntegerValue();
      if (n.signum() < 0) {
        throw malformed(field, "negative quantity " + describe(v));
      }
      return n;
    }
    if (!v.isTextual()) {
      throw malformed(field, "expected a 0x hex quantity, got " + describe(v));
    }
    String s = v.textValue();
    if (!s.startsWith("0x")) {
      throw malformed(field, "a quantity starts with 0x, got " + describe(v));
    }
    if (s.length() == 2) {
      throw malformed(field, "empty quantity " + describe(v));
    }
    checkHexDigits(field, v, s);
    return new BigInteger(s.substring(2), 16);
  }

  private long toLong(String field, BigInteger n) {
    if (n.compareTo(LONG_MAX) > 0) {
      throw malformed(field, "quantity " + n + " does not fit in a signed 64-bit integer");
    }
    return n.longValue();
  }

  private int toInt(String field, BigInteger n) {
    if (n.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
      throw malformed(field, "quantity " + n + " does not fit in a signed 32-bit integer");
    }
    return n.intValue();
  }

  private Hash32 hash(String field, JsonNode v) {
    return Hash32.parse(hexBytes(field, v, 32).substring(2));
  }

  private String address(String field, JsonNode v) {
    return hexBytes(field, v, 20);
  }

  /** {@code 0x} and an even number of hex digits, lowercased; {@code bytes} is the exact length wanted, or -1. */
  private String hexBytes(String field, JsonNode v, int bytes) {
    if (!v.isTextual()) {
      throw malformed(field, "expected a 0x hex string, got " + describe(v));
    }
    String s = v.textValue();
    if (!s.startsWith("0x")) {
      throw malformed(field, "hex data starts with 0x, got " + describe(v));
    }
    if (s.length() % 2 != 0) {
      throw malformed(field, "odd number of hex digits in " + describe(v));
    }
    if (bytes >= 0 && s.length() != 2 + 2 * bytes) {
      throw malformed(field, "expected " + bytes + " bytes, got " + (s.length() - 2) / 2 + " in " + describe(v));
    }
    checkHexDigits(field, v, s);
    return s.toLowerCase(Locale.ROOT);
  }

  private void checkHexDigits(String field, JsonNode v, String s) {
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      // ASCII only: Character.digit would also accept other scripts' digits
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        throw malformed(field, "bad hex digit '" + c + "' at offset " + i + " in " + describe(v));
      }
    }
  }

  /** The value as JSON, shortened: a bad input field can be megabytes long. */
  static String describe(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    String s = v.toString();
    return s.length() <= SHOWN_CHARS ? s : s.substring(0, SHOWN_CHARS) + "… (" + s.length() + " chars)";
  }
}
