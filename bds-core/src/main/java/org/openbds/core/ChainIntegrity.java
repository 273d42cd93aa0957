package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbds.api.BlockRef;
import org.openbds.api.BlockTable;
import org.openbds.api.ChainId;
import org.openbds.api.Hash32;
import org.openbds.api.Warehouse;

/**
 * Reads a chain's block table: the hashes the warehouse holds by height (for the walk back to a common ancestor), and
 * the start-up check that every height from the first block to the checkpoint is present exactly once and linked to
 * its parent.
 */
final class ChainIntegrity {
  /** The first height from which the chain is damaged, and why. */
  record Damage(long height, String reason) {}

  private final Warehouse warehouse;
  private final String table;
  private final BlockTable columns;

  ChainIntegrity(Warehouse warehouse, ChainId chain, BlockTable columns) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.columns = requireNonNull(columns, "columns is null");
    this.table = chain.value() + "." + columns.table();
  }

  /** The hash the warehouse holds at {@code height}, if exactly one block is there. */
  Optional<Hash32> hashAt(long height) {
    List<List<Object>> rows =
        warehouse.query("SELECT " + columns.hashColumn() + " FROM " + table + " WHERE " + columns.heightColumn() + " = ?", height).rows();
    if (rows.size() != 1) {
      return Optional.empty();
    }
    String hex = (String) rows.get(0).get(0);
    return Optional.of(Hash32.parse(hex.startsWith("0x") ? hex.substring(2) : hex));
  }

  /** The lowest height the warehouse holds, if any. */
  Optional<Long> firstHeight() {
    Object min = warehouse.query("SELECT MIN(" + columns.heightColumn() + ") FROM " + table).rows().get(0).get(0);
    return min == null ? Optional.empty() : Optional.of(((Number) min).longValue());
  }

  /**
   * Checks the block table against the checkpoint: heights from the first block to the tip each present once, each
   * block's parent the hash of the block below, the tip's hash the checkpoint's, nothing above the tip. Returns the
   * lowest damaged height.
   */
  Optional<Damage> check(Optional<BlockRef> checkpoint) {
    String h = columns.heightColumn();
    List<Damage> found = new ArrayList<>();
    List<Object> range = warehouse.query("SELECT MIN(" + h + "), MAX(" + h + "), COUNT(*) FROM " + table).rows().get(0);
    if (checkpoint.isEmpty()) {
      long count = ((Number) range.get(2)).longValue();
      return count == 0 ? Optional.empty() : Optional.of(new Damage(((Number) range.get(0)).longValue(), count + " blocks but no checkpoint"));
    }
    BlockRef tip = checkpoint.get();
    if (range.get(0) == null) {
      return Optional.of(new Damage(0, "checkpoint " + tip + " but no blocks"));
    }
    long max = ((Number) range.get(1)).longValue();
    if (max > tip.height()) {
      found.add(new Damage(tip.height() + 1, "blocks above the checkpoint " + tip.height() + " up to " + max));
    }
    Object duplicate =
        warehouse.query("SELECT MIN(" + h + ") FROM (SELECT " + h + " FROM " + table + " GROUP BY " + h + " HAVING COUNT(*) > 1) AS duplicated").rows().get(0).get(0);
    if (duplicate != null) {
      found.add(new Damage(((Number) duplicate).longValue(), "more than one block at height " + duplicate));
    }
    Object gap =
        warehouse
            .query(
                "SELECT MIN(b." + h + ") FROM " + table + " b LEFT JOIN " + table + " p ON p." + h + " = b." + h + " - 1"
                    + " WHERE b." + h + " > (SELECT MIN(" + h + ") FROM " + table + ") AND p." + h + " IS NULL")
            .rows()
            .get(0)
            .get(0);
    if (gap != null) {
      found.add(new Damage(((Number) gap).longValue() - 1, "no block at height " + (((Number) gap).longValue() - 1)));
    }
    Object broken =
        warehouse
            .query(
                "SELECT MIN(b." + h + ") FROM " + table + " b JOIN " + table + " p ON p." + h + " = b." + h + " - 1"
                    + " WHERE b." + columns.parentColumn() + " <> p." + columns.hashColumn())
            .rows()
            .get(0)
            .get(0);
    if (broken != null) {
      found.add(new Damage(((Number) broken).longValue(), "block " + broken + " does not link to the block below it"));
    }
    if (max < tip.height()) {
      found.add(new Damage(max + 1, "no blocks from " + (max + 1) + " up to the checkpoint " + tip.height()));
    } else {
      Optional<Hash32> atTip = hashAt(tip.height());
      if (atTip.isPresent() && !atTip.get().equals(tip.hash())) {
        found.add(new Damage(tip.height(), "the block at the checkpoint height is not the checkpoint's " + tip.hash()));
      }
    }
    return found.stream().min(java.util.Comparator.comparingLong(Damage::height));
  }
}
