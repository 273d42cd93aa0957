package org.openbds.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The columns of a table as the server has them, in order: what a COPY without a column list expects. The type of each
 * is its PostgreSQL type OID (and, for an array, its element's), which the binary COPY format needs.
 */
record TableColumns(String schema, String table, List<String> names, int[] types, int[] elementTypes) {
  private static final String SQL =
      "SELECT a.attname, a.atttypid, t.typelem FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
          + " WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
          + " ORDER BY a.attnum";

  TableColumns {
    names = List.copyOf(names);
  }

  /** Reads the columns on {@code connection}, so that a table created earlier in its open transaction is found. */
  static TableColumns read(Connection connection, String schema, String table) {
    List<String> names = new ArrayList<>();
    List<int[]> types = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(SQL)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
          types.add(new int[] {(int) rs.getLong(2), (int) rs.getLong(3)});
        }
      }
    } catch (SQLException e) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "reading the columns of " + schema + "." + table + ": " + e.getMessage(), e);
    }
    if (names.isEmpty()) {
      throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "there is no table " + schema + "." + table);
    }
    int[] type = new int[names.size()];
    int[] element = new int[names.size()];
    for (int i = 0; i < type.length; i++) {
      type[i] = types.get(i)[0];
      element[i] = types.get(i)[1];
    }
    return new TableColumns(schema, table, names, type, element);
  }

  int size() {
    return names.size();
  }

  String qualifiedName() {
    return schema + "." + table;
  }
}
