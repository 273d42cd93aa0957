package org.openbds.xrp.split;

import static org.openbds.xrp.codec.JsonFields.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.openbds.xrp.amount.XrpAmount;
import org.openbds.xrp.codec.HexText;
import org.openbds.xrp.codec.XrpLedger;
import org.openbds.xrp.codec.XrpTransaction;

/** The row of a transaction in its family's detail table, read field by field as {@link DetailTable} declares. */
final class DetailRows {
  private static final java.util.regex.Pattern UINT32_TEXT = java.util.regex.Pattern.compile("[0-9]{1,10}");
  private static final java.util.regex.Pattern HEX64_TEXT = java.util.regex.Pattern.compile("[0-9A-Fa-f]{1,16}");

  private DetailRows() {}

  static Cells row(DetailTable d, XrpLedger ledger, XrpTransaction t, String where) {
    Cells c = LedgerRowBuilder.key(d.name(), ledger, t).add(t.type());
    for (DetailField f : d.fields()) {
      Optional<JsonNode> v = value(f, t);
      String at = where + " " + f.fields().get(0);
      switch (f.kind()) {
        case AMOUNT -> c.amount(v.map(n -> XrpAmount.parse(n, at)));
        case UINT32 -> c.add(v.map(n -> uint32(n, at)));
        case COUNT -> c.add(v.map(n -> {
          if (!n.isArray()) {
            throw malformed(at, "is not a list");
          }
          return n.size();
        }));
        case ACCOUNT -> c.add(v.map(n -> text(n, at)));
        case HEX -> c.add(v.map(n -> hex(n, at)));
        case TEXT_HEX -> c.add(v.map(n -> HexText.decode(hex(n, at), at)));
        case UINT64 -> c.add(v.map(n -> uint64(n, at)));
        case ASSET -> c.add(v.map(n -> asset(n, at)));
        case ACCOUNT_LIST -> c.add(v.map(n -> accounts(n, at)));
        default -> throw new IllegalStateException("no reader for " + f.kind());
      }
    }
    for (DetailTable.Flag flag : d.flags()) {
      c.add((t.flags() & flag.bit()) != 0);
    }
    return c;
  }

  private static Optional<JsonNode> value(DetailField f, XrpTransaction t) {
    for (String name : f.fields()) {
      JsonNode v = name.startsWith("meta.") ? t.meta().get(name.substring(5)) : t.tx().get(name);
      if (v != null && !v.isNull()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  private static String text(JsonNode n, String where) {
    if (!n.isTextual()) {
      throw malformed(where, "is not a string: " + n);
    }
    return n.textValue();
  }

  private static String hex(JsonNode n, String where) {
    String s = text(n, where);
    if (!s.chars().allMatch(ch -> Character.digit(ch, 16) >= 0) || s.length() % 2 != 0) {
      throw malformed(where, "is not hexadecimal: " + (s.length() > 80 ? s.substring(0, 77) + "..." : s));
    }
    return s.toUpperCase(Locale.ROOT);
  }

  private static long uint32(JsonNode n, String where) {
    if (n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0 && n.longValue() <= 0xffff_ffffL) {
      return n.longValue();
    }
    if (n.isTextual() && UINT32_TEXT.matcher(n.textValue()).matches() && Long.parseLong(n.textValue()) <= 0xffff_ffffL) {
      return Long.parseLong(n.textValue());
    }
    throw malformed(where, "is not an unsigned 32-bit integer: " + n);
  }

  /** A UInt64: rippled prints it as hex (SetFee's BaseFee); older answers as a decimal number. */
  private static String uint64(JsonNode n, String where) {
    if (n.isIntegralNumber() && n.bigIntegerValue().signum() >= 0 && n.bigIntegerValue().bitLength() <= 64) {
      return n.bigIntegerValue().toString();
    }
    if (n.isTextual() && HEX64_TEXT.matcher(n.textValue()).matches()) {
      return new BigInteger(n.textValue(), 16).toString();
    }
    throw malformed(where, "is not an unsigned 64-bit integer: " + n);
  }

  private static String asset(JsonNode n, String where) {
    JsonNode currency = n.get("currency");
    if (currency == null || !currency.isTextual()) {
      throw malformed(where, "an asset without currency");
    }
    JsonNode issuer = n.get("issuer");
    return issuer == null || issuer.isNull() ? currency.textValue() : currency.textValue() + "." + text(issuer, where);
  }

  private static List<String> accounts(JsonNode n, String where) {
    if (!n.isArray()) {
      throw malformed(where, "is not a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode wrapper : n) {
      JsonNode inner = wrapper.size() == 1 ? wrapper.elements().next() : wrapper;
      out.add(text(inner.path("Account"), where + " Account"));
    }
    return out;
  }
}
