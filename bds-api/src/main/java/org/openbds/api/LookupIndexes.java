package org.openbds.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * The warehouse's lookup indexes: point reads by id or text (a transaction by txid, an output's spender, an address's
 * outputs) that the explorer and the forensics make. Each is named {@code bds_lookup_<table>_<column>}, so whoever
 * makes it first, the others find it; made once, kept in the warehouse file.
 */
public final class LookupIndexes {
  private LookupIndexes() {}

  /** The name of the lookup index on {@code table(column)}. */
  public static String name(String table, String column) {
    return "bds_lookup_" + table + "_" + column;
  }

  /**
   * Makes the indexes {@code specs} ({@code table(column)}) of {@code chain} where they are missing, telling
   * {@code log} of each that took a while (on a large chain, seconds to a minute each).
   */
  public static void ensure(Warehouse warehouse, ChainId chain, List<String> specs, Consumer<String> log) {
    for (String spec : specs) {
      int open = spec.indexOf('(');
      if (open <= 0 || !spec.endsWith(")")) {
        throw new IllegalArgumentException("a lookup index is table(column), not '" + spec + "'");
      }
      String table = spec.substring(0, open);
      String column = spec.substring(open + 1, spec.length() - 1);
      long t0 = System.nanoTime();
      warehouse.executeAtomically(List.of("CREATE INDEX IF NOT EXISTS " + name(table, column) + " ON " + chain.value() + "." + table + " (" + column + ")"));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (ms >= 1_000) {
        log.accept("made the lookup index " + chain + "." + spec + " in " + ms / 1000.0 + " s (once; kept in the warehouse)");
      }
    }
  }
}
