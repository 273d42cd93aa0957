package org.openbds.cli;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openbds.api.Warehouse;

/**
 * Every row of every table of a chain, read through the {@link Warehouse} interface in a fixed order and digested,
 * plus the checkpoint: equal for two warehouses of any kind (DuckDB, PostgreSQL) that hold the same rows.
 */
final class PortableFingerprint {
  private PortableFingerprint() {}

  static Map<String, List<Object>> of(Warehouse w, String chain, List<String> tables) throws Exception {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (String table : tables) {
      List<String> columns = w.query("SELECT * FROM " + chain + "." + table + " LIMIT 0").columns();
      StringBuilder order = new StringBuilder();
      for (int i = 1; i <= columns.size(); i++) {
        order.append(i == 1 ? "" : ", ").append(i);
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long[] rows = new long[1];
      for (List<Object> row : w.query("SELECT * FROM " + chain + "." + table + " ORDER BY " + order).rows()) {
        rows[0]++;
        List<String> values = new ArrayList<>();
        for (Object v : row) {
          values.add(text(v));
        }
        digest.update(String.join("\u0001", values).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
      }
      out.put(table, List.of(rows[0], HexFormat.of().formatHex(digest.digest())));
    }
    List<Object> checkpoint = w.query("SELECT tip_height, tip_hash FROM main.bds_chains WHERE chain = ?", chain).rows().get(0);
    out.put("checkpoint", List.of(text(checkpoint.get(0)), text(checkpoint.get(1))));
    return out;
  }

  private static String text(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof byte[] b) {
      return HexFormat.of().formatHex(b);
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof java.sql.Array a) {
      try {
        return java.util.Arrays.toString((Object[]) a.getArray());
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    }
    if (v instanceof List<?> l) {
      return l.toString();
    }
    return v.toString();
  }
}
