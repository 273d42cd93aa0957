package org.openbds.xrp.binary;

import static org.openbds.xrp.binary.XrplAddressCodec.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Writes the value of one field, by its type, after the codec has written the field id. */
final class XrplFieldWriter {
  private static final java.util.regex.Pattern DECIMAL_TEXT = java.util.regex.Pattern.compile("-?[0-9]{1,19}");
  /** UInt64 fields of MPTs that rippled prints in decimal; every other UInt64 is printed in hex. */
  private static final Set<String> DECIMAL_UINT64 =
      Set.of("MaximumAmount", "OutstandingAmount", "MPTAmount", "LockedAmount");

  private static final HexFormat HEX = HexFormat.of();

  private final XrplDefinitions definitions;
  private final XrplBinaryCodec codec;

  XrplFieldWriter(XrplDefinitions definitions, XrplBinaryCodec codec) {
    this.definitions = definitions;
    this.codec = codec;
  }

  void write(XrplField field, JsonNode value, String path, ByteArrayOutputStream out) {
    switch (field.type()) {
      case "STObject" -> codec.writeInnerObject(value, path, out);
      case "STArray" -> codec.writeArray(value, path, out);
      case "PathSet" -> XrplPathSetWriter.write(value, path, out);
      default -> {
        byte[] bytes = content(field, value, path);
        if (field.vlEncoded()) {
          out.writeBytes(XrplBinaryCodec.lengthPrefix(bytes.length));
        }
        out.writeBytes(bytes);
      }
    }
  }

  private byte[] content(XrplField field, JsonNode value, String path) {
    return switch (field.type()) {
      case "UInt8" -> unsigned(named(field, value, path, definitions::transactionResult), 1, path);
      case "UInt16" -> unsigned(named(field, value, path, this::uint16Name), 2, path);
      case "UInt32" -> unsigned(integer(value, path), 4, path);
      case "UInt64" -> uint64(field, value, path);
      case "Int32" -> signed(integer(value, path), 4);
      case "Int64" -> signed(integer(value, path), 8);
      case "Hash128" -> XrplAmountCodec.hex(text(value, path), 16, path);
      case "Hash160" -> XrplAmountCodec.hex(text(value, path), 20, path);
      case "Hash192" -> XrplAmountCodec.hex(text(value, path), 24, path);
      case "Hash256" -> XrplAmountCodec.hex(text(value, path), 32, path);
      case "Hash384" -> XrplAmountCodec.hex(text(value, path), 48, path);
      case "Hash512" -> XrplAmountCodec.hex(text(value, path), 64, path);
      case "UInt96" -> XrplAmountCodec.hex(text(value, path), 12, path);
      case "Amount" -> XrplAmountCodec.encode(value, path);
      case "Blob" -> blob(text(value, path), path);
      case "AccountID" -> accountId(text(value, path), path);
      case "Vector256" -> vector256(value, path);
      case "Currency" -> XrplAmountCodec.currencyCode(text(value, path), path);
      case "Issue" -> issue(value, path);
      case "XChainBridge" -> bridge(value, path);
      default -> throw malformed(path, "type " + field.type() + " is not supported");
    };
  }

  /** TransactionType and LedgerEntryType are printed by name; other UInt16 fields are numbers. */
  private Optional<Integer> uint16Name(String name) {
    return definitions.transactionType(name).or(() -> definitions.ledgerEntryType(name));
  }

  private static long named(
      XrplField field, JsonNode value, String path, Function<String, Optional<Integer>> codes) {
    if (value.isTextual() && !value.asText().chars().allMatch(Character::isDigit)) {
      return codes
          .apply(value.asText())
          .orElseThrow(() -> malformed(path, "unknown name " + value.asText() + " for " + field.name()));
    }
    return integer(value, path);
  }

  private static long integer(JsonNode value, String path) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isTextual() && DECIMAL_TEXT.matcher(value.asText()).matches()) {
      try {
        return Long.parseLong(value.asText());
      } catch (NumberFormatException e) {
        throw malformed(path, "integer out of range: " + value.asText());
      }
    }
    throw malformed(path, "expected an integer, got " + value);
  }

  private static byte[] unsigned(long value, int bytes, String path) {
    if (value < 0 || (bytes < 8 && value >>> (8 * bytes) != 0)) {
      throw malformed(path, value + " does not fit in " + bytes + " unsigned bytes");
    }
    return signed(value, bytes);
  }

  private static byte[] signed(long value, int bytes) {
    byte[] out = new byte[bytes];
    for (int i = bytes - 1; i >= 0; i--, value >>= 8) {
      out[i] = (byte) value;
    }
    return out;
  }

  private static byte[] uint64(XrplField field, JsonNode value, String path) {
    String text = text(value, path);
    boolean decimal = DECIMAL_UINT64.contains(field.name());
    if (text.isEmpty() || text.length() > (decimal ? 20 : 16)) {
      throw malformed(path, "not a 64-bit number: " + text);
    }
    BigInteger n;
    try {
      n = new BigInteger(text, decimal ? 10 : 16);
    } catch (NumberFormatException e) {
      throw malformed(path, "not a 64-bit number: " + text);
    }
    if (n.signum() < 0 || n.bitLength() > 64) {
      throw malformed(path, "not a 64-bit number: " + text);
    }
    return signed(n.longValue(), 8);
  }

  /**
   * rippled prints an account field left at its default (the Account of a pseudo-transaction such as UNLModify) as
   * "", and serializes it with no bytes at all.
   */
  private static byte[] accountId(String address, String path) {
    return address.isEmpty() ? new byte[0] : XrplAddressCodec.decodeAccountId(address, path);
  }

  private static byte[] blob(String hex, String path) {
    if (hex.length() % 2 != 0) {
      throw malformed(path, "odd number of hex digits");
    }
    return XrplAmountCodec.hex(hex, hex.length() / 2, path);
  }

  private static byte[] vector256(JsonNode value, String path) {
    if (!value.isArray()) {
      throw malformed(path, "expected an array of hashes, got " + value);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < value.size(); i++) {
      out.writeBytes(XrplAmountCodec.hex(text(value.get(i), path + "[" + i + "]"), 32, path + "[" + i + "]"));
    }
    return out.toByteArray();
  }

  /** An Issue: the currency alone for XRP, else currency then issuer (both raw, 20 bytes each). */
  private static byte[] issue(JsonNode value, String path) {
    if (!value.isObject() || !value.has("currency")) {
      throw malformed(path, "an issue is {currency[, issuer]}, got " + value);
    }
    byte[] currency = XrplAmountCodec.currencyCode(text(value.get("currency"), path + ".currency"), path);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(currency);
    if (value.has("issuer")) {
      out.writeBytes(XrplAddressCodec.decodeAccountId(text(value.get("issuer"), path + ".issuer"), path));
    } else if (!value.get("currency").asText().equals("XRP")) {
      throw malformed(path, "an issued currency needs an issuer");
    }
    return out.toByteArray();
  }

  /** A cross-chain bridge: each door account with its length prefix, each followed by its issue. */
  private static byte[] bridge(JsonNode value, String path) {
    if (!value.isObject()) {
      throw malformed(path, "expected a bridge object, got " + value);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String side : new String[] {"LockingChain", "IssuingChain"}) {
      JsonNode door = value.get(side + "Door");
      JsonNode issue = value.get(side + "Issue");
      if (door == null || issue == null) {
        throw malformed(path, "missing " + side + "Door or " + side + "Issue");
      }
      byte[] account = XrplAddressCodec.decodeAccountId(text(door, path + "." + side + "Door"), path);
      out.writeBytes(XrplBinaryCodec.lengthPrefix(account.length));
      out.writeBytes(account);
      out.writeBytes(issue(issue, path + "." + side + "Issue"));
    }
    return out.toByteArray();
  }

  static String text(JsonNode value, String path) {
    if (value == null || !value.isTextual()) {
      throw malformed(path, "expected a string, got " + value);
    }
    return value.asText();
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }
}
