package org.openbds.server;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * How warehouse values appear in JSON. Exactness first: 64-bit and smaller integers are JSON numbers; wider integers
 * (wei, token amounts, HUGEINT, BIGNUM) and decimals are strings of their exact digits, because JSON readers commonly
 * hold numbers as doubles; times are ISO-8601 in UTC with a {@code Z}; bytes are lowercase hex.
 */
final class JsonValues {
  private JsonValues() {}

  /**
   * Column {@code i} of the current row (whose result {@code md} describes) as {@link #of} shows it. PostgreSQL's driver would make a TIMESTAMP a
   * {@code java.sql.Timestamp} through the JVM's zone, where a time in a daylight-saving gap moves: its fields are read.
   */
  static Object read(java.sql.ResultSet rs, java.sql.ResultSetMetaData md, int i) throws SQLException {
    if ("timestamp".equals(md.getColumnTypeName(i))) {
      return of(rs.getObject(i, LocalDateTime.class));
    }
    return of(rs.getObject(i));
  }

  static Object of(Object v) throws SQLException {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer
        || v instanceof Short || v instanceof Byte || v instanceof Double || v instanceof Float) {
      if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
        return d.toString();
      }
      if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
        return f.toString();
      }
      return v;
    }
    if (v instanceof BigInteger b) {
      return b.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
    }
    if (v instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toString();
    }
    if (v instanceof OffsetDateTime t) {
      return t.toInstant().toString();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    if (v instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (v instanceof Blob b) {
      return HexFormat.of().formatHex(b.getBytes(1, (int) b.length()));
    }
    if (v instanceof Array a) {
      List<Object> out = new ArrayList<>();
      for (Object item : (Object[]) a.getArray()) {
        out.add(of(item));
      }
      return out;
    }
    if (v instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(of(item));
      }
      return out;
    }
    if (v instanceof Map<?, ?> map) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), of(e.getValue()));
      }
      return out;
    }
    return v.toString();
  }
}
