package org.openbds.bitcoin.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.Hash32;

/** Reads fields of a node's JSON answers into exact values; a missing or mistyped field is a malformed answer. */
final class NodeAnswers {
  private NodeAnswers() {}

  static long integer(JsonNode answer, String field, String what) {
    JsonNode v = answer.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw malformed(what, field + " is not an integer: " + v);
    }
    return v.asLong();
  }

  /** A decimal amount of coins, read without passing through a {@code double}. */
  static BigDecimal decimal(JsonNode answer, String field, String what) {
    JsonNode v = answer.get(field);
    if (v == null || !(v.isBigDecimal() || v.isIntegralNumber())) {
      throw malformed(what, field + " is not an exact decimal: " + v);
    }
    return v.decimalValue();
  }

  static Hash32 hash(JsonNode answer, String field, String what) {
    JsonNode v = answer.get(field);
    try {
      return Hash32.parse(v == null ? null : v.asText(null));
    } catch (BdsException e) {
      throw malformed(what, field + " is not a block hash: " + v);
    }
  }

  static BdsException malformed(String what, String reason) {
    return new BdsException(ErrorCode.MALFORMED_RESPONSE, what + ": malformed answer from the node: " + reason);
  }
}
