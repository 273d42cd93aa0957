package org.openbds.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbds.duckdb.DuckDbWarehouse;

/**
 * Row count and an order-independent hash of every row of every table of a chain, plus the checkpoint: two warehouses
 * with equal fingerprints hold the same rows (ids included), none duplicated or missing.
 */
final class WarehouseFingerprint {
  private static final List<String> TABLES =
      List.of("blocks", "transactions", "tx_inputs", "input_scripts", "tx_outputs", "output_scripts", "address_dictionary");

  private WarehouseFingerprint() {}

  static Map<String, List<Object>> of(Path data, String chain) {
    return of(data, chain, TABLES);
  }

  /** Row counts and an order-independent hash of every row of {@code tables}, and the checkpoint. */
  static Map<String, List<Object>> of(Path data, String chain, List<String> tables) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    try (DuckDbWarehouse w = DuckDbWarehouse.open(data)) {
      for (String table : tables) {
        out.put(table, w.query("SELECT COUNT(*), CAST(SUM(hash(t)::HUGEINT) AS VARCHAR) FROM " + chain + "." + table + " t").rows().get(0));
      }
      out.put("checkpoint", w.query("SELECT tip_height, tip_hash FROM main.bds_chains WHERE chain = ?", chain).rows().get(0));
    }
    return out;
  }
}
