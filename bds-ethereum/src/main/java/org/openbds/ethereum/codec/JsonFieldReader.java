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
  private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
  private static final int SHOWN_CHARS = 90;

  /** Table of the ASCII characters: 0 for those that are not hex digits, else the digit's value plus one; upper-case letters have {@link #UPPER} set. */
  private static final byte[] HEX_DIGITS = new byte[128];
  private static final int UPPER = 0x20;
  /** Hex digits a long holds for sure without a sign: 15 (16 would reach 2^64 - 1). */
  private static final int LONG_SAFE_DIGITS = 15;

  static {
    for (int c = '0'; c <= '9'; c++) {
      HEX_DIGITS[c] = (byte) (c - '0' + 1);
    }
    for (int c = 'a'; c <= 'f'; c++) {
      HEX_DIGITS[c] = (byte) (c - 'a' + 11);
      HEX_DIGITS[c - 'a' + 'A'] = (byte) ((c - 'a' + 11) | UPPER);
    }
  }

  private final String block;
  /*
   * Where this object is in the answer, spelled out only for messages (most objects never need it): a root's name, or
   * the parent's path and a field; either followed by "[index]" when the object is an element of an array.
   */
  private final JsonFieldReader parent;
  private final String name;
  private final int index;
  private final JsonNode node;

  private JsonFieldReader(String block, JsonFieldReader parent, String name, int index, JsonNode node) {
    this.block = requireNonNull(block, "block is null");
    this.parent = parent;
    this.name = requireNonNull(name, "name is null");
    this.index = index;
    this.node = requireNonNull(node, "node is null");
  }

  /** The object {@code node} of block {@code block} (a label such as "block 483920"), named {@code path} in messages. */
  static JsonFieldReader of(JsonNode node, String block, String path) {
    return object(node, block, null, path, -1);
  }

  /** The elements of a JSON array of objects, named {@code path[i]}. */
  static List<JsonFieldReader> elements(JsonNode array, String block, String path) {
    return elements(array, block, null, path);
  }

  private static JsonFieldReader object(JsonNode node, String block, JsonFieldReader parent, String name, int index) {
    if (node == null || !node.isObject()) {
      throw new BdsException(
          ErrorCode.MALFORMED_RESPONSE, block + ": " + path(parent, name, index) + ": expected a JSON object, got " + describe(node));
    }
    return new JsonFieldReader(block, parent, name, index, node);
  }

  private static List<JsonFieldReader> elements(JsonNode array, String block, JsonFieldReader parent, String name) {
    if (array == null || !array.isArray()) {
      throw new BdsException(
          ErrorCode.MALFORMED_RESPONSE, block + ": " + path(parent, name, -1) + ": expected a JSON array, got " + describe(array));
    }
    List<JsonFieldReader> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(object(array.get(i), block, parent, name, i));
    }
    return out;
  }

  private static String path(JsonFieldReader parent, String name, int index) {
    String base = parent == null ? name : parent.where(name);
    return index < 0 ? base : base + "[" + index + "]";
  }

  /** How messages name block {@code number}. */
  static String blockLabel(long number) {
    return "block " + number;
  }

  /** The same object, named after its block once the block number has been read. */
  JsonFieldReader inBlock(String blockLabel) {
    return new JsonFieldReader(blockLabel, parent, name, index, node);
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
    return object(required(field), block, this, field, -1);
  }

  Optional<JsonFieldReader> optionalObject(String field) {
    return optional(field).map(v -> object(v, block, this, field, -1));
  }

  List<JsonFieldReader> objects(String field) {
    return elements(required(field), block, this, field);
  }

  Optional<List<JsonFieldReader>> optionalObjects(String field) {
    return optional(field).map(v -> elements(v, block, this, field));
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
    return longQuantity(field, required(field));
  }

  Optional<Long> optionalLongQuantity(String field) {
    return optional(field).map(v -> longQuantity(field, v));
  }

  int intQuantity(String field) {
    return intQuantity(field, required(field));
  }

  Optional<Integer> optionalIntQuantity(String field) {
    return optional(field).map(v -> intQuantity(field, v));
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
      out.add(intQuantity(element, v.get(i)));
    }
    return out;
  }

  private String where(String field) {
    String path = path(parent, name, index);
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
      Hash32 h = hashOrNull(v.get(i));
      // the element's name is spelled out only to say what is wrong with it
      out.add(h != null ? h : hash(field + "[" + i + "]", v.get(i)));
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
    String s = quantityDigits(field, v);
    return s.length() - 2 <= LONG_SAFE_DIGITS ? BigInteger.valueOf(Long.parseLong(s, 2, s.length(), 16)) : new BigInteger(s.substring(2), 16);
  }

  /** A quantity that must fit a long; parsed without a BigInteger when its digits say it fits. */
  private long longQuantity(String field, JsonNode v) {
    if (!v.isIntegralNumber()) {
      String s = quantityDigits(field, v);
      if (s.length() - 2 <= LONG_SAFE_DIGITS) {
        return Long.parseLong(s, 2, s.length(), 16);
      }
    }
    BigInteger n = quantity(field, v);
    if (n.compareTo(LONG_MAX) > 0) {
      throw malformed(field, "quantity " + n + " does not fit in a signed 64-bit integer");
    }
    return n.longValue();
  }

  /** A quantity that must fit an int; parsed without a BigInteger when its digits say it fits a long. */
  private int intQuantity(String field, JsonNode v) {
    if (!v.isIntegralNumber()) {
      String s = quantityDigits(field, v);
      if (s.length() - 2 <= LONG_SAFE_DIGITS) {
        long n = Long.parseLong(s, 2, s.length(), 16);
        if (n > Integer.MAX_VALUE) {
          throw tooLargeForInt(field, BigInteger.valueOf(n));
        }
        return (int) n;
      }
    }
    BigInteger n = quantity(field, v);
    if (n.compareTo(INT_MAX) > 0) {
      throw tooLargeForInt(field, n);
    }
    return n.intValue();
  }

  private BdsException tooLargeForInt(String field, BigInteger n) {
    return malformed(field, "quantity " + n + " does not fit in a signed 32-bit integer");
  }

  /** The text of a hex quantity, checked: {@code 0x} and at least one hex digit. */
  private String quantityDigits(String field, JsonNode v) {
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
    return s;
  }

  /** A hash is what {@link #hexBytes} accepts as 32 bytes; what it refuses fails with the same message. */
  private Hash32 hash(String field, JsonNode v) {
    Hash32 h = hashOrNull(v);
    if (h != null) {
      return h;
    }
    checkHexDigits(field, v, checkHexShape(field, v, 32));
    throw new IllegalStateException("a hash that is 0x and 64 hex digits did not decode: " + describe(v));
  }

  /** The hash {@code v} spells as {@code 0x} and 64 hex digits (either case), or null when it is anything else. */
  private static Hash32 hashOrNull(JsonNode v) {
    if (!v.isTextual()) {
      return null;
    }
    String s = v.textValue();
    if (s.length() != 66 || !s.startsWith("0x")) {
      return null;
    }
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = digit(s.charAt(2 + 2 * i));
      int lo = digit(s.charAt(3 + 2 * i));
      if (hi < 0 || lo < 0) {
        return null;
      }
      b[i] = (byte) (hi << 4 | lo);
    }
    return Hash32.of(b);
  }

  /** The value of an ASCII hex digit, or -1. */
  private static int digit(char c) {
    return c < HEX_DIGITS.length ? (HEX_DIGITS[c] & ~UPPER) - 1 : -1;
  }

  private String address(String field, JsonNode v) {
    return hexBytes(field, v, 20);
  }

  /** {@code 0x} and an even number of hex digits, lowercased; {@code bytes} is the exact length wanted, or -1. */
  private String hexBytes(String field, JsonNode v, int bytes) {
    String s = checkHexShape(field, v, bytes);
    // most nodes answer in lower case already: then the string itself is the answer
    return checkHexDigits(field, v, s) ? s.toLowerCase(Locale.ROOT) : s;
  }

  /** The text of {@code v} if it is {@code 0x} and an even number of characters ({@code 2 * bytes} unless -1); the digits are not checked. */
  private String checkHexShape(String field, JsonNode v, int bytes) {
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
    return s;
  }

  /** Checks that everything after {@code 0x} is a hex digit (ASCII only: other scripts' digits are not); returns whether one is an upper-case letter. */
  private boolean checkHexDigits(String field, JsonNode v, String s) {
    int seen = 0;
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      int d = c < HEX_DIGITS.length ? HEX_DIGITS[c] : 0;
      if (d == 0) {
        throw badDigit(field, v, c, i);
      }
      seen |= d;
    }
    return (seen & UPPER) != 0;
  }

  private BdsException badDigit(String field, JsonNode v, char c, int offset) {
    return malformed(field, "bad hex digit '" + c + "' at offset " + offset + " in " + describe(v));
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
