package org.openbds.server;

import java.util.Locale;
import java.util.regex.Pattern;

/** Shapes of the identifiers in API paths, checked before any query: a wrong shape is a 400 naming the shape. */
final class Identifiers {
  private static final Pattern HEIGHT = Pattern.compile("[0-9]{1,18}");
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern EVM_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
  private static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
  private static final Pattern BITCOIN_ADDRESS = Pattern.compile("[A-Za-z0-9:]{14,100}");
  /** A classic XRP Ledger address: 'r' and base58 digits of the XRP Ledger's alphabet (no 0, O, I or l), 25–35 characters. */
  private static final Pattern XRP_ACCOUNT = Pattern.compile("r[1-9A-HJ-NP-Za-km-z]{24,34}");

  private Identifiers() {}

  static boolean isHeight(String s) {
    return HEIGHT.matcher(s).matches();
  }

  static boolean isHash(String s) {
    return HASH.matcher(s).matches();
  }

  static boolean isEvmHash(String s) {
    return EVM_HASH.matcher(s).matches();
  }

  static boolean isEvmAddress(String s) {
    return EVM_ADDRESS.matcher(s).matches();
  }

  static boolean isBitcoinAddress(String s) {
    return BITCOIN_ADDRESS.matcher(s).matches();
  }

  static boolean isXrpAccount(String s) {
    return XRP_ACCOUNT.matcher(s).matches();
  }

  /** A ledger or transaction hash of the XRP Ledger, upper-case as the network prints it and the tables hold it. */
  static String xrpHash(String s, String what) {
    return hash(s, what).toUpperCase(Locale.ROOT);
  }

  static String hash(String s, String what) {
    if (!isHash(s)) {
      throw ApiException.badRequest(what + " must be 64 hex digits, not '" + shorten(s) + "'");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  static String evmHash(String s, String what) {
    if (!isEvmHash(s)) {
      throw ApiException.badRequest(what + " must be 0x and 64 hex digits, not '" + shorten(s) + "'");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** Text of a client's input for an error message: at most 80 characters, control characters replaced. */
  static String shorten(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
