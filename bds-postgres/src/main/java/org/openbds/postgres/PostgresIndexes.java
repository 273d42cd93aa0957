package org.openbds.postgres;

import java.util.ArrayList;
import java.util.List;
import org.openbds.api.LookupIndexes;
import org.openbds.api.TableSchema;

/**
 * The indexes of a chain's tables. PostgreSQL has no zone maps over row groups as DuckDB has, so without an index a
 * rollback or a point lookup reads the whole table:
 *
 * <ul>
 *   <li>every table: a BRIN index on its height column ({@code bds_height_<table>}), for rollbacks and per-block reads.
 *       Rows are appended in height order, so a block range maps to a few pages; the index is a few kilobytes per
 *       gigabyte and costs next to nothing on COPY;
 *   <li>the lookups the explorers and the forensics make ({@link #LOOKUPS}), as B-tree indexes named as
 *       {@link LookupIndexes} names them, so that its {@code CREATE INDEX IF NOT EXISTS} finds them made.
 * </ul>
 */
final class PostgresIndexes {
  /**
   * {@code table(column)} lookups: a transaction or block by hash, an address's id and outputs, a transaction's
   * inputs and outputs, an output's spender, an account's balance changes. A chain gets those whose table and column
   * it has.
   */
  static final List<String> LOOKUPS =
      List.of(
          "blocks(hash)",
          "transactions(txid)",
          "transactions(tx_id)",
          "transactions(hash)",
          "tx_inputs(tx_id)",
          "tx_inputs(spent_tx_id)",
          "tx_inputs(address_id)",
          "tx_outputs(tx_id)",
          "tx_outputs(address_id)",
          "address_dictionary(address)",
          "address_dictionary(address_id)",
          "balance_changes(address)");

  /**
   * Text keys looked up by equality only (hashes, txids, addresses): hash indexes, which store a 4-byte hash code
   * instead of the 64-character text and cost much less to keep up when rows arrive in bulk in random key order.
   */
  static final java.util.Set<String> HASHED = java.util.Set.of("hash", "txid", "address");

  /** Table pages (8 KiB each) a BRIN range covers: small enough that a per-block read touches little beyond its rows. */
  private static final int PAGES_PER_RANGE = 16;

  private PostgresIndexes() {}

  static String heightIndexName(String table) {
    return "bds_height_" + table;
  }

  /** The {@code CREATE INDEX IF NOT EXISTS} statements for a chain's tables in {@code schema}. */
  static List<String> statements(String schema, List<TableSchema> tables) {
    List<String> out = new ArrayList<>();
    for (TableSchema t : tables) {
      out.add("CREATE INDEX IF NOT EXISTS " + heightIndexName(t.name()) + " ON " + schema + "." + t.name() + " USING brin ("
          + PostgresTypes.quoted(t.heightColumn()) + ") WITH (pages_per_range = " + PAGES_PER_RANGE + ", autosummarize = on)");
    }
    out.addAll(lookups(schema, tables));
    return out;
  }

  /** The {@code DROP INDEX IF EXISTS} statements of the lookup indexes (not the height indexes rollbacks use). */
  static List<String> dropLookups(String schema, List<TableSchema> tables) {
    List<String> out = new ArrayList<>();
    for (String create : lookups(schema, tables)) {
      String name = create.substring("CREATE INDEX IF NOT EXISTS ".length(), create.indexOf(' ', "CREATE INDEX IF NOT EXISTS ".length()));
      out.add("DROP INDEX IF EXISTS " + schema + "." + name);
    }
    return out;
  }

  /** The {@code CREATE INDEX IF NOT EXISTS} statements of the lookup indexes. */
  static List<String> lookups(String schema, List<TableSchema> tables) {
    List<String> out = new ArrayList<>();
    for (String spec : LOOKUPS) {
      String table = spec.substring(0, spec.indexOf('('));
      String column = spec.substring(spec.indexOf('(') + 1, spec.length() - 1);
      for (TableSchema t : tables) {
        if (t.name().equals(table) && t.columns().stream().anyMatch(c -> c.name().equals(column))) {
          out.add("CREATE INDEX IF NOT EXISTS " + LookupIndexes.name(table, column) + " ON " + schema + "." + table + (HASHED.contains(column) ? " USING hash" : "")
              + " (" + PostgresTypes.quoted(column) + ")");
        }
      }
    }
    return out;
  }
}
