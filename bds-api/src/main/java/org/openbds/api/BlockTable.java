package org.openbds.api;

import static java.util.Objects.requireNonNull;

/**
 * Where a family keeps one row per applied block: the runtime reads it to find the common ancestor on a reorg and to
 * check on start-up that every height is present exactly once and linked to its parent. Hashes are stored as 64 hex
 * digits, as {@link Hash32#toHex()} prints them, or with a {@code 0x} prefix as Ethereum nodes print them.
 */
public record BlockTable(String table, String heightColumn, String hashColumn, String parentColumn) {
  public BlockTable {
    requireNonNull(table, "table is null");
    requireNonNull(heightColumn, "heightColumn is null");
    requireNonNull(hashColumn, "hashColumn is null");
    requireNonNull(parentColumn, "parentColumn is null");
  }
}
