package org.openbds.xrp.amount;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * An amount as the XRP Ledger writes it in transactions and ledger objects, decoded exactly: XRP in integer drops, an
 * issued currency as its 16-digit decimal with currency and issuer, a multi-purpose token (MPT) as an integer.
 */
public sealed interface XrpAmount permits XrpAmount.Drops, XrpAmount.Issued, XrpAmount.Mpt {
  /** The currency code under which XRP is reported; an issued currency may never use it. */
  String XRP = "XRP";

  /**
   * XRP in drops (10^-6 XRP). Negative only in a few 2013 ledgers, written before the ledger rejected negative XRP:
   * decoding keeps them so that whoever validates can flag them.
   */
  record Drops(long drops) implements XrpAmount {}

  /**
   * An issued-currency amount. {@code currency} is as printed: a 3-character code or 40 hexadecimal digits;
   * {@code issuer} is a classic address. In a trust line's {@code Balance} the issuer is a placeholder account.
   */
  record Issued(IouValue value, String currency, String issuer) implements XrpAmount {
    public Issued {
      requireNonNull(value, "value is null");
      requireNonNull(currency, "currency is null");
      requireNonNull(issuer, "issuer is null");
    }
  }

  /** A multi-purpose token amount: an integer count of the issuance {@code mptIssuanceId} (48 hexadecimal digits). */
  record Mpt(String mptIssuanceId, BigInteger value) implements XrpAmount {
    public Mpt {
      requireNonNull(mptIssuanceId, "mptIssuanceId is null");
      requireNonNull(value, "value is null");
    }
  }

  /**
   * Decodes an amount field: a string of digits (drops), {@code {"value","currency","issuer"}} (issued currency) or
   * {@code {"mpt_issuance_id","value"}} (MPT).
   *
   * @param where names the field for error messages, e.g. {@code "Payment 5A2B…: Amount"}
   * @throws BdsException {@link ErrorCode#MALFORMED_BLOCK} naming {@code where} when the node is none of these
   */
  static XrpAmount parse(JsonNode node, String where) {
    requireNonNull(where, "where is null");
    if (node == null || node.isMissingNode() || node.isNull()) {
      throw malformed(where, "missing");
    }
    if (node.isTextual()) {
      return new Drops(parseDrops(node.textValue(), where));
    }
    if (!node.isObject()) {
      throw malformed(where, "neither a drops string nor an object: " + node);
    }
    if (node.has("mpt_issuance_id")) {
      String id = text(node, "mpt_issuance_id", where);
      if (id.length() != 48 || !isHex(id)) {
        throw malformed(where, "MPT issuance id is not 48 hexadecimal digits: " + id);
      }
      String value = text(node, "value", where);
      if (!isInteger(value)) {
        throw malformed(where, "MPT value is not an integer: " + value);
      }
      return new Mpt(id, new BigInteger(value));
    }
    String currency = text(node, "currency", where);
    if (!isCurrency(currency)) {
      throw malformed(where, "currency is neither a 3-character code nor 40 hexadecimal digits: " + currency);
    }
    String issuer = text(node, "issuer", where);
    if (!isAddress(issuer)) {
      throw malformed(where, "issuer is not an account address: " + issuer);
    }
    IouValue value;
    try {
      value = IouValue.parse(text(node, "value", where));
    } catch (BdsException e) {
      throw new BdsException(ErrorCode.MALFORMED_BLOCK, where + ": " + e.getMessage(), e);
    }
    return new Issued(value, currency, issuer);
  }

  private static long parseDrops(String text, String where) {
    if (!isInteger(text)) {
      throw malformed(where, "XRP amount is not a whole number of drops: \"" + text + "\"");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw malformed(where, "XRP amount does not fit in 64 bits: \"" + text + "\"");
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw malformed(where, "amount has no text field \"" + field + "\": " + node);
    }
    return value.textValue();
  }

  private static boolean isInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isCurrency(String code) {
    if (code.length() == 40) {
      return isHex(code);
    }
    // Standard codes are 3 printable ASCII characters; "XRP" is reserved for the native asset.
    return code.length() == 3 && !code.equals(XRP) && code.chars().allMatch(c -> c > ' ' && c < 127);
  }

  private static boolean isHex(String text) {
    return text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'));
  }

  /** A classic address: base58 in the ledger's alphabet, starting with 'r'; the checksum is not verified here. */
  private static boolean isAddress(String text) {
    String alphabet = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";
    return text.length() >= 25
        && text.length() <= 35
        && text.charAt(0) == 'r'
        && text.chars().allMatch(c -> alphabet.indexOf(c) >= 0);
  }

  private static BdsException malformed(String where, String why) {
    return new BdsException(ErrorCode.MALFORMED_BLOCK, where + ": " + why);
  }
}
