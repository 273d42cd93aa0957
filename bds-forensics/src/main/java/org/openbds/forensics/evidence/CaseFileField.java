package org.openbds.forensics.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openbds.forensics.taint.Rational;

/**
 * One field of a case file being read, with its path ({@code steps[3].inputs[0].value}): every accessor either returns
 * the field's value in its real type or throws a {@link CaseFileException} that names the field and says what it
 * should be.
 */
final class CaseFileField {
  private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]*");
  private static final Pattern FRACTION = Pattern.compile("(0|[1-9][0-9]*)/([1-9][0-9]*)");

  private final JsonNode node;
  private final String path;

  CaseFileField(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  String path() {
    return path;
  }

  /** The required, non-null field {@code name} of this object. */
  CaseFileField get(String name) {
    JsonNode child = object().get(name);
    String at = child(name);
    if (child == null) {
      throw new CaseFileException(at, "the field is missing");
    }
    if (child.isNull()) {
      throw new CaseFileException(at, "must not be null");
    }
    return new CaseFileField(child, at);
  }

  /** The field {@code name} of this object, empty when it is absent or null. */
  Optional<CaseFileField> optional(String name) {
    JsonNode child = object().get(name);
    return child == null || child.isNull() ? Optional.empty() : Optional.of(new CaseFileField(child, child(name)));
  }

  String text() {
    if (!node.isTextual()) {
      throw wrong("text");
    }
    return node.textValue();
  }

  /** Text matching {@code pattern}, described as {@code what} when it does not. */
  String text(Pattern pattern, String what) {
    String text = text();
    if (!pattern.matcher(text).matches()) {
      throw wrong(what);
    }
    return text;
  }

  /** Text that is one of {@code names}. */
  String oneOf(List<String> names) {
    String text = text();
    if (!names.contains(text)) {
      throw wrong("one of " + String.join(", ", names));
    }
    return text;
  }

  /** A JSON integer from {@code min} to {@code max}. */
  long integer(long min, long max) {
    if (!node.isIntegralNumber()) {
      throw wrong("an integer");
    }
    BigInteger value = node.bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw wrong("an integer from " + min + " to " + max);
    }
    return value.longValueExact();
  }

  int index() {
    return (int) integer(0, Integer.MAX_VALUE);
  }

  /** A whole, non-negative number of base units: a JSON integer or a string of decimal digits, of any size. */
  BigInteger units() {
    if (node.isIntegralNumber() && node.bigIntegerValue().signum() >= 0) {
      return node.bigIntegerValue();
    }
    if (node.isTextual() && DIGITS.matcher(node.textValue()).matches()) {
      return new BigInteger(node.textValue());
    }
    throw wrong("a whole number of base units (a JSON integer or a string of digits, not negative)");
  }

  /** An exact amount of base units: as {@link #units()}, or an exact fraction written {@code "numerator/denominator"}. */
  Rational amount() {
    if (node.isTextual()) {
      var fraction = FRACTION.matcher(node.textValue());
      if (fraction.matches()) {
        return new Rational(new BigInteger(fraction.group(1)), new BigInteger(fraction.group(2)));
      }
    }
    boolean whole = node.isIntegralNumber() ? node.bigIntegerValue().signum() >= 0 : node.isTextual() && DIGITS.matcher(node.textValue()).matches();
    if (!whole) {
      throw wrong("an amount of base units (a whole number, or an exact fraction written \"numerator/denominator\")");
    }
    return new Rational(units(), BigInteger.ONE);
  }

  /** An ISO-8601 instant such as {@code 2026-10-31T12:00:00Z}. */
  Instant instant() {
    String text = text();
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw wrong("an instant such as 2026-10-31T12:00:00Z", e);
    }
  }

  boolean bool() {
    if (!node.isBoolean()) {
      throw wrong("true or false");
    }
    return node.booleanValue();
  }

  List<CaseFileField> array() {
    if (!node.isArray()) {
      throw wrong("an array");
    }
    List<CaseFileField> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(new CaseFileField(node.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** The fields of this object, in file order. */
  Map<String, CaseFileField> fields() {
    Map<String, CaseFileField> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : object().properties()) {
      out.put(e.getKey(), new CaseFileField(e.getValue(), child(e.getKey())));
    }
    return out;
  }

  /** A failure of this field: it should be {@code expected}. */
  CaseFileException wrong(String expected) {
    return new CaseFileException(path, "must be " + expected + ", not " + shown(node));
  }

  CaseFileException wrong(String expected, Throwable cause) {
    return new CaseFileException(path, "must be " + expected + ", not " + shown(node), cause);
  }

  private JsonNode object() {
    if (!node.isObject()) {
      throw wrong("an object");
    }
    return node;
  }

  private String child(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** The offending value as JSON, shortened, without control characters (it ends up on a terminal). */
  private static String shown(JsonNode node) {
    String json = node.toString().replaceAll("\\p{Cntrl}", "?");
    return json.length() <= 80 ? json : json.substring(0, 77) + "…";
  }
}
