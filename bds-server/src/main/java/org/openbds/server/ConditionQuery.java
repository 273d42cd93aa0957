package org.openbds.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openbds.api.Column;
import org.openbds.api.ColumnType;

/**
 * A condition query — what the builder's filter, group, aggregate and sort slots describe — translated to one
 * parameterized SELECT over one table or view of a chain. Only names of the chain's own tables and columns reach the
 * SQL, checked against the family's schema; every value is a bound parameter, cast to its column's type.
 *
 * <pre>{@code
 * {"chain": "ltc", "table": "transactions",
 *  "filter": {"and": [{"column": "fee", "op": ">", "value": 1000},
 *                     {"column": "time", "op": "between", "value": ["2026-10-01", "2026-11-01"]}]},
 *  "group_by": [{"column": "time", "bucket": "day"}],
 *  "aggregates": [{"fn": "sum", "column": "output_value", "as": "value"}, {"fn": "count", "as": "txs"}],
 *  "order_by": [{"column": "time_day", "direction": "asc"}], "limit": 1000}
 * }</pre>
 */
final class ConditionQuery {
  static final Set<String> OPERATORS =
      Set.of("=", "!=", "<", "<=", ">", ">=", "between", "in", "not_in", "like", "not_like", "is_null", "is_not_null");
  static final Set<String> FUNCTIONS = Set.of("count", "count_distinct", "sum", "avg", "min", "max", "median");
  static final Set<String> BUCKETS = Set.of("hour", "day", "week", "month", "year");
  private static final int MAX_IN = 1000;
  private static final int MAX_DEPTH = 8;
  private static final int MAX_CONDITIONS = 200;

  /** The SQL and its parameters. */
  record Compiled(String sql, List<Object> parameters) {}

  private final String schema;
  private final String table;
  private final WarehouseDialect dialect;
  private final Map<String, Column> columns = new LinkedHashMap<>();
  private final List<Object> parameters = new ArrayList<>();
  private int conditions;

  private ConditionQuery(String schema, String table, List<Column> columns, WarehouseDialect dialect) {
    this.schema = schema;
    this.table = table;
    this.dialect = dialect;
    for (Column c : columns) {
      this.columns.put(c.name(), c);
    }
  }

  static Compiled compile(Chains.Chain chain, JsonNode q, int maxRows, WarehouseDialect dialect) {
    if (q == null || !q.isObject()) {
      throw ApiException.badRequest("a condition query is a JSON object");
    }
    allowedFields(q, "query", Set.of("chain", "table", "select", "filter", "group_by", "aggregates", "order_by", "limit", "run"));
    String table = text(q, "table", "query");
    List<Column> cols =
        chain.columns(table)
            .orElseThrow(() -> ApiException.badRequest(
                "the chain " + chain.id() + " has no table or view '" + Identifiers.shorten(table) + "'; it has "
                    + String.join(", ", tableNames(chain))));
    return new ConditionQuery(chain.id(), table, cols, dialect).build(q, maxRows);
  }

  private static List<String> tableNames(Chains.Chain chain) {
    List<String> names = new ArrayList<>();
    chain.tables().forEach(t -> names.add(t.name()));
    chain.views().forEach(v -> names.add(v.name()));
    return names;
  }

  private Compiled build(JsonNode q, int maxRows) {
    List<String> select = new ArrayList<>();
    List<String> group = new ArrayList<>();
    Set<String> outputNames = new LinkedHashSet<>();
    JsonNode groupBy = q.path("group_by");
    JsonNode aggregates = q.path("aggregates");
    for (JsonNode g : array(groupBy, "group_by")) {
      String expr;
      String name;
      if (g.isTextual()) {
        name = g.asText();
        expr = column(name);
      } else {
        allowedFields(g, "group_by entry", Set.of("column", "bucket"));
        String col = text(g, "column", "group_by entry");
        String bucket = g.path("bucket").asText("");
        expr = column(col);
        name = col;
        if (!bucket.isEmpty()) {
          if (!BUCKETS.contains(bucket)) {
            throw ApiException.badRequest("bucket must be one of " + BUCKETS + ", not '" + Identifiers.shorten(bucket) + "'");
          }
          ColumnType t = columns.get(col).type();
          if (t != ColumnType.TIMESTAMP) {
            throw ApiException.badRequest("only a time column can be bucketed; " + col + " is " + t.name().toLowerCase(Locale.ROOT));
          }
          // a day or longer is a date (DuckDB's date_trunc gives one; PostgreSQL's a timestamp at midnight)
          expr = bucket.equals("hour") ? "date_trunc('hour', " + expr + ")" : "CAST(date_trunc('" + bucket + "', " + expr + ") AS DATE)";
          name = col + "_" + bucket;
        }
      }
      group.add(expr);
      select.add(expr + " AS " + quote(name));
      outputNames.add(name);
    }
    for (JsonNode a : array(aggregates, "aggregates")) {
      allowedFields(a, "aggregate", Set.of("fn", "column", "as"));
      String fn = text(a, "fn", "aggregate").toLowerCase(Locale.ROOT);
      if (!FUNCTIONS.contains(fn)) {
        throw ApiException.badRequest("fn must be one of " + FUNCTIONS + ", not '" + Identifiers.shorten(fn) + "'");
      }
      String col = a.path("column").asText("");
      String expr;
      if (col.isEmpty()) {
        if (!fn.equals("count")) {
          throw ApiException.badRequest(fn + " needs a column");
        }
        expr = "count(*)";
      } else {
        String c = column(col);
        ColumnType t = columns.get(col).type();
        boolean numeric = t == ColumnType.BIGINT || t == ColumnType.INTEGER || t == ColumnType.DOUBLE || t == ColumnType.BIG_INTEGER;
        if ((fn.equals("sum") || fn.equals("avg") || fn.equals("median")) && !numeric) {
          throw ApiException.badRequest(fn + " needs a numeric column; " + col + " is " + t.name().toLowerCase(Locale.ROOT));
        }
        expr = switch (fn) {
          case "count_distinct" -> "count(DISTINCT " + c + ")";
          case "sum" -> t == ColumnType.BIG_INTEGER ? "sum(" + c + ")" : "sum(CAST(" + c + " AS " + dialect.wideInteger + "))";
          case "median" -> dialect.median(c);
          default -> fn + "(" + c + ")";
        };
      }
      String name = a.path("as").asText(fn + (col.isEmpty() ? "" : "_" + col));
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
        throw ApiException.badRequest("an aggregate's name (as) is a plain identifier, not '" + Identifiers.shorten(name) + "'");
      }
      select.add(expr + " AS " + quote(name));
      outputNames.add(name);
    }
    boolean aggregated = !select.isEmpty();
    if (!aggregated) {
      JsonNode chosen = q.path("select");
      if (chosen.isMissingNode() || chosen.isNull() || chosen.isEmpty()) {
        for (String c : columns.keySet()) {
          select.add(column(c));
          outputNames.add(c);
        }
      } else {
        for (JsonNode c : array(chosen, "select")) {
          if (!c.isTextual()) {
            throw ApiException.badRequest("select lists column names");
          }
          select.add(column(c.asText()));
          outputNames.add(c.asText());
        }
      }
    } else if (q.has("select") && !q.path("select").isEmpty()) {
      throw ApiException.badRequest("with group_by or aggregates, the columns come from them; leave select out");
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select)).append(" FROM ").append(schema).append('.').append(quote(table));
    JsonNode filter = q.path("filter");
    if (!filter.isMissingNode() && !filter.isNull()) {
      sql.append(" WHERE ").append(condition(filter, 0));
    }
    if (!group.isEmpty()) {
      sql.append(" GROUP BY ").append(String.join(", ", group));
    }
    List<String> order = new ArrayList<>();
    for (JsonNode o : array(q.path("order_by"), "order_by")) {
      allowedFields(o, "order_by entry", Set.of("column", "direction"));
      String col = text(o, "column", "order_by entry");
      if (!outputNames.contains(col)) {
        throw ApiException.badRequest("order_by names a column of the result (" + String.join(", ", outputNames) + "), not '" + Identifiers.shorten(col) + "'");
      }
      String dir = o.path("direction").asText("asc").toLowerCase(Locale.ROOT);
      if (!dir.equals("asc") && !dir.equals("desc")) {
        throw ApiException.badRequest("direction is asc or desc, not '" + Identifiers.shorten(dir) + "'");
      }
      order.add(quote(col) + " " + dir.toUpperCase(Locale.ROOT) + " NULLS LAST");
    }
    if (!order.isEmpty()) {
      sql.append(" ORDER BY ").append(String.join(", ", order));
    }
    long limit = maxRows;
    if (q.has("limit")) {
      JsonNode l = q.get("limit");
      if (!l.canConvertToLong() || !l.isIntegralNumber() || l.asLong() < 1) {
        throw ApiException.badRequest("limit is a whole number of at least 1");
      }
      limit = Math.min(l.asLong(), maxRows);
    }
    sql.append(" LIMIT ").append(limit);
    return new Compiled(sql.toString(), List.copyOf(parameters));
  }

  private String condition(JsonNode node, int depth) {
    if (depth > MAX_DEPTH) {
      throw ApiException.badRequest("filters nest at most " + MAX_DEPTH + " levels deep");
    }
    if (++conditions > MAX_CONDITIONS) {
      throw ApiException.badRequest("a filter has at most " + MAX_CONDITIONS + " conditions");
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("a filter is an object: {\"and\": […]}, {\"or\": […]}, {\"not\": …} or {\"column\", \"op\", \"value\"}");
    }
    for (String logic : List.of("and", "or")) {
      if (node.has(logic)) {
        allowedFields(node, logic + " filter", Set.of(logic));
        List<String> parts = new ArrayList<>();
        for (JsonNode child : array(node.get(logic), logic)) {
          parts.add(condition(child, depth + 1));
        }
        if (parts.isEmpty()) {
          throw ApiException.badRequest("'" + logic + "' needs at least one condition");
        }
        return "(" + String.join(" " + logic.toUpperCase(Locale.ROOT) + " ", parts) + ")";
      }
    }
    if (node.has("not")) {
      allowedFields(node, "not filter", Set.of("not"));
      return "(NOT " + condition(node.get("not"), depth + 1) + ")";
    }
    allowedFields(node, "condition", Set.of("column", "op", "value"));
    String col = text(node, "column", "condition");
    String c = column(col);
    Column column = columns.get(col);
    String op = text(node, "op", "condition").toLowerCase(Locale.ROOT);
    if (!OPERATORS.contains(op)) {
      throw ApiException.badRequest("op must be one of " + new java.util.TreeSet<>(OPERATORS) + ", not '" + Identifiers.shorten(op) + "'");
    }
    JsonNode value = node.get("value");
    return switch (op) {
      case "is_null" -> c + " IS NULL";
      case "is_not_null" -> c + " IS NOT NULL";
      case "between" -> {
        if (value == null || !value.isArray() || value.size() != 2) {
          throw ApiException.badRequest("between takes a value of two items [low, high]");
        }
        yield c + " BETWEEN " + parameter(column, value.get(0)) + " AND " + parameter(column, value.get(1));
      }
      case "in", "not_in" -> {
        if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_IN) {
          throw ApiException.badRequest(op + " takes a list of 1 to " + MAX_IN + " values");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode v : value) {
          items.add(parameter(column, v));
        }
        yield c + (op.equals("in") ? " IN (" : " NOT IN (") + String.join(", ", items) + ")";
      }
      case "like", "not_like" -> {
        if (value == null || !value.isTextual()) {
          throw ApiException.badRequest(op + " takes a text pattern (% any text, _ one character)");
        }
        parameters.add(value.asText());
        yield "CAST(" + c + " AS VARCHAR)" + (op.equals("like") ? " LIKE ?" : " NOT LIKE ?");
      }
      default -> {
        if (value == null || value.isNull() || value.isContainerNode()) {
          throw ApiException.badRequest(op + " takes one value; use is_null for NULL");
        }
        yield c + " " + (op.equals("!=") ? "<>" : op) + " " + parameter(column, value);
      }
    };
  }

  /** A bound parameter holding {@code v} as the column's type: a wrong type is a 400 before any query. */
  private String parameter(Column column, JsonNode v) {
    String what = "a value for " + column.name();
    switch (column.type()) {
      case BIGINT, INTEGER -> {
        if (!v.isIntegralNumber() && !(v.isTextual() && v.asText().matches("-?[0-9]{1,19}"))) {
          throw ApiException.badRequest(what + " is a whole number");
        }
        try {
          parameters.add(v.isTextual() ? Long.parseLong(v.asText()) : v.bigIntegerValue().longValueExact());
        } catch (ArithmeticException | NumberFormatException e) {
          throw ApiException.badRequest(what + " is outside the 64-bit range");
        }
        return "?";
      }
      case BIG_INTEGER -> {
        String digits = v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.asText();
        if (!digits.matches("-?[0-9]{1,100}")) {
          throw ApiException.badRequest(what + " is a whole number (as a number or a string of digits)");
        }
        parameters.add(new BigInteger(digits).toString());
        return "CAST(? AS " + dialect.bigInteger + ")";
      }
      case DOUBLE -> {
        if (!v.isNumber() && !(v.isTextual() && isDecimal(v.asText()))) {
          throw ApiException.badRequest(what + " is a number");
        }
        parameters.add(v.isNumber() ? v.doubleValue() : Double.parseDouble(v.asText()));
        return "?";
      }
      case BOOLEAN -> {
        if (!v.isBoolean()) {
          throw ApiException.badRequest(what + " is true or false");
        }
        parameters.add(v.booleanValue());
        return "?";
      }
      case TIMESTAMP -> {
        parameters.add(java.sql.Timestamp.valueOf(time(v, what)));
        return "CAST(? AS TIMESTAMP)";
      }
      case ENUM -> {
        if (!v.isTextual() || !column.enumValues().contains(v.asText())) {
          throw ApiException.badRequest(what + " is one of " + column.enumValues());
        }
        parameters.add(v.asText());
        return "?";
      }
      case BLOB, VARCHAR_LIST -> throw ApiException.badRequest(column.name() + " cannot be compared here");
      default -> {
        if (!v.isTextual() && !v.isNumber()) {
          throw ApiException.badRequest(what + " is text");
        }
        parameters.add(v.asText());
        return "?";
      }
    }
  }

  private static boolean isDecimal(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** A UTC time from 2026-10-01, 2026-10-01T12:00:00 or 2026-10-01T12:00:00Z (an offset is turned to UTC). */
  private static LocalDateTime time(JsonNode v, String what) {
    String t = v.asText("");
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay();
      }
      if (t.endsWith("Z") || t.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
        return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      }
      return LocalDateTime.parse(t);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.badRequest(what + " is a UTC date or time like 2026-10-01 or 2026-10-01T12:00:00Z, not '" + Identifiers.shorten(t) + "'");
    }
  }

  private String column(String name) {
    if (!columns.containsKey(name)) {
      throw ApiException.badRequest(
          table + " has no column '" + Identifiers.shorten(name) + "'; it has " + String.join(", ", columns.keySet()));
    }
    return quote(name);
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String text(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isEmpty()) {
      throw ApiException.badRequest("a " + what + " needs '" + field + "' (text)");
    }
    return v.asText();
  }

  private static Iterable<JsonNode> array(JsonNode node, String what) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw ApiException.badRequest(what + " is a list");
    }
    if (node.size() > MAX_CONDITIONS) {
      throw ApiException.badRequest(what + " has at most " + MAX_CONDITIONS + " entries");
    }
    return node;
  }

  private static void allowedFields(JsonNode node, String what, Set<String> allowed) {
    if (!node.isObject()) {
      throw ApiException.badRequest("a " + what + " is an object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw ApiException.badRequest("a " + what + " has no field '" + Identifiers.shorten(f) + "'; it takes " + new java.util.TreeSet<>(allowed));
      }
    }
  }
}
