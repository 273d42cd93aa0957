package org.openbds.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code main.bds_chains}, the table in which every warehouse keeps its chains: each one's network, checkpoint
 * and block queue position. Warehouses answer {@link Warehouse#checkpoint} and its neighbours through it, so that they
 * all read the table the same way.
 */
public final class ChainRegistry {
  private ChainRegistry() {}

  public static Optional<BlockRef> checkpoint(Warehouse w, ChainId chain) {
    List<List<Object>> rows = w.query("SELECT tip_height, tip_hash FROM main.bds_chains WHERE chain = ?", chain.value()).rows();
    if (rows.isEmpty() || rows.get(0).get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(new BlockRef(((Number) rows.get(0).get(0)).longValue(), Hash32.parse((String) rows.get(0).get(1))));
  }

  public static Optional<String> network(Warehouse w, ChainId chain) {
    List<List<Object>> rows = w.query("SELECT network FROM main.bds_chains WHERE chain = ?", chain.value()).rows();
    return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0).get(0));
  }

  public static Optional<String> queuePosition(Warehouse w, ChainId chain) {
    List<List<Object>> rows = w.query("SELECT queue_position FROM main.bds_chains WHERE chain = ?", chain.value()).rows();
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable((String) rows.get(0).get(0));
  }

  public static List<ChainId> chains(Warehouse w) {
    List<ChainId> out = new ArrayList<>();
    for (List<Object> row : w.query("SELECT chain FROM main.bds_chains ORDER BY chain").rows()) {
      out.add(new ChainId((String) row.get(0)));
    }
    return out;
  }
}
