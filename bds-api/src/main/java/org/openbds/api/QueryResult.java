package org.openbds.api;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A fully read query result: column names and rows of plain Java values (Long, String, Boolean, byte[], …). */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
  public QueryResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /**
   * Reads {@code rs} to its end: JDBC arrays become lists, blobs byte arrays, timestamps {@code LocalDateTime}; other
   * values stay as the driver gives them.
   */
  public static QueryResult read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      columns.add(md.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(columns.size());
      for (int i = 1; i <= columns.size(); i++) {
        row.add(plain(rs.getObject(i)));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  private static Object plain(Object v) throws SQLException {
    if (v instanceof java.sql.Array a) {
      return java.util.Arrays.asList((Object[]) a.getArray());
    }
    if (v instanceof java.sql.Blob b) {
      return b.getBytes(1, (int) b.length());
    }
    if (v instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    return v;
  }
}
