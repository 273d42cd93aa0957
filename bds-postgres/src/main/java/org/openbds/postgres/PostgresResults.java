package org.openbds.postgres;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.openbds.api.QueryResult;
import org.postgresql.util.PGobject;

/**
 * Reads a result with the Java types the DuckDB warehouse gives, so that callers need not know which warehouse they
 * read: a 256-bit column ({@code NUMERIC(78,0)}, DuckDB's BIGNUM) as its decimal digits (String); another whole
 * NUMERIC (a sum of BIGINTs, DuckDB's HUGEINT) as BigInteger; a NUMERIC with a fraction as BigDecimal; DATE as
 * LocalDate, TIMESTAMP as LocalDateTime and TIMESTAMPTZ as OffsetDateTime; arrays as lists; other types as the driver gives them (Long,
 * Integer, Boolean, Double, String, byte[]).
 */
final class PostgresResults {
  private PostgresResults() {}

  static QueryResult read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    Kind[] kinds = new Kind[n];
    for (int i = 1; i <= n; i++) {
      columns.add(md.getColumnLabel(i));
      kinds[i - 1] = kind(md, i);
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(value(rs, i, kinds[i - 1]));
      }
      rows.add(row);
    }
    return new QueryResult(columns, rows);
  }

  private enum Kind {
    BIG_INTEGER,
    NUMERIC,
    DATE,
    TIMESTAMP,
    TIMESTAMPTZ,
    OTHER
  }

  private static Kind kind(ResultSetMetaData md, int i) throws SQLException {
    switch (md.getColumnTypeName(i)) {
      case "numeric":
        return md.getPrecision(i) == 78 && md.getScale(i) == 0 ? Kind.BIG_INTEGER : Kind.NUMERIC;
      case "date":
        return Kind.DATE;
      case "timestamp":
        return Kind.TIMESTAMP;
      case "timestamptz":
        return Kind.TIMESTAMPTZ;
      default:
        return Kind.OTHER;
    }
  }

  private static Object value(ResultSet rs, int i, Kind kind) throws SQLException {
    switch (kind) {
      case BIG_INTEGER:
        return rs.getString(i);
      case NUMERIC:
        BigDecimal d = rs.getBigDecimal(i);
        return d == null || d.scale() > 0 ? d : d.toBigIntegerExact();
      case DATE:
        return rs.getObject(i, java.time.LocalDate.class);
      case TIMESTAMP:
        // read as its fields: never through the JVM's zone, where a time may fall in a daylight-saving gap
        return rs.getObject(i, LocalDateTime.class);
      case TIMESTAMPTZ:
        return rs.getObject(i, OffsetDateTime.class);
      default:
        return plain(rs.getObject(i));
    }
  }

  static Object plain(Object v) throws SQLException {
    if (v instanceof java.sql.Array a) {
      return Arrays.asList((Object[]) a.getArray());
    }
    if (v instanceof PGobject o) {
      return o.getValue();
    }
    return v;
  }
}
