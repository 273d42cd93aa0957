package org.openbds.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;

/**
 * Renders a query result as an aligned table, CSV (RFC 4180) or JSON ({@code {"columns": [...], "rows": [[...]]}}).
 * Integers stay exact in every format (JSON numbers are written digit for digit); bytes are written as hex.
 */
enum ResultFormat {
  TABLE,
  CSV,
  JSON;

  private static final java.time.format.DateTimeFormatter TIMESTAMP =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  void write(QueryResult result, PrintWriter out) {
    switch (this) {
      case TABLE:
        table(result, out);
        break;
      case CSV:
        csv(result, out);
        break;
      case JSON:
        json(result, out);
        break;
      default:
        throw new IllegalStateException();
    }
    out.flush();
  }

  static String text(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof byte[]) {
      return HexFormat.of().formatHex((byte[]) v);
    }
    if (v instanceof List) {
      List<String> parts = new ArrayList<>();
      for (Object o : (List<?>) v) {
        parts.add(o == null ? "NULL" : text(o));
      }
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof java.time.LocalDateTime) {
      return ((java.time.LocalDateTime) v).format(TIMESTAMP);
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue()).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  private static void table(QueryResult r, PrintWriter out) {
    int n = r.columns().size();
    int[] width = new int[n];
    List<String[]> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      width[i] = r.columns().get(i).length();
    }
    for (List<Object> row : r.rows()) {
      String[] c = new String[n];
      for (int i = 0; i < n; i++) {
        c[i] = row.get(i) == null ? "NULL" : text(row.get(i));
        width[i] = Math.max(width[i], c[i].length());
      }
      cells.add(c);
    }
    StringBuilder header = new StringBuilder();
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < n; i++) {
      header.append(i == 0 ? "" : " | ").append(pad(r.columns().get(i), width[i], false));
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.println(header);
    out.println(rule);
    for (String[] c : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < n; i++) {
        boolean numeric = !r.rows().isEmpty() && isNumber(r.rows().get(cells.indexOf(c)).get(i));
        line.append(i == 0 ? "" : " | ").append(pad(c[i], width[i], numeric));
      }
      out.println(line);
    }
    out.printf("(%d row%s)%n", r.rows().size(), r.rows().size() == 1 ? "" : "s");
  }

  private static boolean isNumber(Object v) {
    return v instanceof Number;
  }

  private static String pad(String s, int width, boolean right) {
    String fill = " ".repeat(width - s.length());
    return right ? fill + s : s + fill;
  }

  private static void csv(QueryResult r, PrintWriter out) {
    List<String> header = new ArrayList<>();
    for (String c : r.columns()) {
      header.add(csvField(c));
    }
    out.print(String.join(",", header) + "\r\n");
    for (List<Object> row : r.rows()) {
      List<String> fields = new ArrayList<>();
      for (Object v : row) {
        fields.add(csvField(text(v)));
      }
      out.print(String.join(",", fields) + "\r\n");
    }
  }

  private static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  private static void json(QueryResult r, PrintWriter out) {
    StringWriter buffer = new StringWriter();
    try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(buffer)) {
      g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
      g.writeStartObject();
      g.writeArrayFieldStart("columns");
      for (String c : r.columns()) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rows");
      for (List<Object> row : r.rows()) {
        g.writeStartArray();
        for (Object v : row) {
          writeValue(g, v);
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new BdsException(ErrorCode.IO_FAILURE, "cannot write JSON: " + e.getMessage(), e);
    }
    out.println(buffer);
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger) {
      g.writeNumber((BigInteger) v);
    } else if (v instanceof BigDecimal) {
      g.writeNumber((BigDecimal) v);
    } else if (v instanceof Double || v instanceof Float) {
      g.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof List) {
      g.writeStartArray();
      for (Object o : (List<?>) v) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(text(v));
    }
  }
}
