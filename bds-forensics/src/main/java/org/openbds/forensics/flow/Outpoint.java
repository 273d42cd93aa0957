package org.openbds.forensics.flow;

import static java.util.Objects.requireNonNull;

/** One output of a transaction: the unit funds move in on a UTXO chain. */
public record Outpoint(String txid, int vout) implements Comparable<Outpoint> {
  public Outpoint {
    requireNonNull(txid, "txid is null");
    if (vout < 0) {
      throw new IllegalArgumentException("vout must not be negative: " + vout);
    }
  }

  /** {@code txid:vout}, as a user writes it. */
  public static Outpoint parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("an output is written txid:vout, not '" + text + "'");
    }
    String txid = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    if (!txid.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a txid must be 64 hex digits, not '" + text.substring(0, colon) + "'");
    }
    try {
      return new Outpoint(txid, Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the output index in '" + text + "' is not a whole number", e);
    }
  }

  @Override
  public int compareTo(Outpoint o) {
    int c = txid.compareTo(o.txid);
    return c != 0 ? c : Integer.compare(vout, o.vout);
  }

  @Override
  public String toString() {
    return txid + ":" + vout;
  }
}
