package org.openbds.metrics;

import java.util.List;
import java.util.TreeSet;

/** Builds the statements that compute metrics and store them. */
final class MetricSql {
  static final String VALUE_TYPE = "DECIMAL(38,10)";

  private MetricSql() {}

  /** The metrics' expressions put into their source's query, and the rows it yields stored one per metric. */
  static String sourceInsert(MetricSource source, List<MetricDefinition> metrics, MetricEngine.Placeholders p, String version) {
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < metrics.size(); i++) {
      MetricDefinition m = metrics.get(i);
      columns.append(i == 0 ? "" : ",\n  ").append(value(m.expression())).append(" AS \"").append(m.id()).append('"');
    }
    String query = p.apply(source.sql().replace("{metrics}", columns));
    String instance = source.instanced() ? "CAST(instance AS VARCHAR)" : "''";
    StringBuilder values = new StringBuilder();
    for (MetricDefinition m : metrics) {
      String value = m.cumulative() ? cumulative(m, p, instance, "\"" + m.id() + "\"", true) : "\"" + m.id() + "\"";
      values.append(",\n  CAST(").append(value).append(" AS ").append(VALUE_TYPE).append(") AS \"").append(m.id()).append('"');
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(p.schema()).append(".metrics (day, metric, instance, value, catalog_version)\n");
    sql.append("WITH q AS MATERIALIZED (\n").append(query).append("\n),\n");
    sql.append("r AS (SELECT day, ").append(instance).append(" AS instance").append(values).append("\nFROM q)\n");
    return sql.append(unpivot("r", metrics, version, "")).toString();
  }

  /**
   * One row per metric and day from a table with a column per metric; UNPIVOT leaves out the NULLs, which stand for
   * "no value". (One operator: a UNION ALL of a query per metric costs a plan per metric on every update.)
   */
  private static String unpivot(String table, List<MetricDefinition> metrics, String version, String where) {
    StringBuilder in = new StringBuilder();
    for (MetricDefinition m : metrics) {
      in.append(in.length() == 0 ? "" : ", ").append('"').append(m.id()).append('"');
    }
    return "SELECT day, metric, instance, value, '" + version + "' FROM (SELECT * FROM " + table + where + ")\n"
        + "UNPIVOT (value FOR metric IN (" + in + "))\n";
  }

  /**
   * An expression's value as stored. A DOUBLE goes through its shortest decimal text: DuckDB's direct cast scales it by
   * 10^10 in floating point first, which turns 2.25e12 into 2249999999999.9998951424.
   */
  static String value(String expression) {
    return "CAST(CAST((" + expression + ") AS VARCHAR) AS " + VALUE_TYPE + ")";
  }

  /** A level of derived metrics, computed from a day-by-metric pivot of the values they read. */
  static String derivedInsert(List<MetricDefinition> metrics, MetricEngine.Placeholders p, String version) {
    TreeSet<String> reads = new TreeSet<>();
    int lookback = 0;
    for (MetricDefinition m : metrics) {
      reads.addAll(m.dependencies());
      lookback = Math.max(lookback, m.lookbackDays());
    }
    String s = p.schema();
    StringBuilder pivot = new StringBuilder("SELECT day");
    StringBuilder in = new StringBuilder();
    for (String r : reads) {
      pivot.append(", max(value) FILTER (WHERE metric = '").append(r).append("') AS \"").append(r).append('"');
      in.append(in.length() == 0 ? "" : ", ").append('\'').append(r).append('\'');
    }
    pivot.append(" FROM ").append(s).append(".metrics WHERE instance = '' AND metric IN (").append(in).append(")")
        .append(" AND day >= ").append(p.date(p.from().minusDays(lookback))).append(" AND day <= ").append(p.date(p.to()))
        .append(" GROUP BY day");
    StringBuilder columns = new StringBuilder("day");
    for (MetricDefinition m : metrics) {
      String expression = value(m.expression());
      if (m.cumulative()) {
        // a day without input carries the total over (0 added), so that the value does not depend on where a run starts
        expression = "CAST(" + cumulative(m, p, "''", "coalesce(CASE WHEN day >= " + p.date(p.from()) + " THEN " + expression + " END, 0)", false)
            + " AS " + VALUE_TYPE + ")";
      }
      columns.append(",\n  ").append(expression).append(" AS \"").append(m.id()).append('"');
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(s).append(".metrics (day, metric, instance, value, catalog_version)\n");
    sql.append("WITH p AS MATERIALIZED (").append(pivot).append("),\n");
    sql.append("q AS MATERIALIZED (SELECT ").append(columns).append(", '' AS instance\nFROM p)\n");
    return sql.append(unpivot("q", metrics, version, " WHERE day >= " + p.date(p.from()))).toString();
  }

  /**
   * The stored value before the first recomputed day plus the running total of {@code increment} since; for a source's
   * rows ({@code instanced} true), NULL where the row's own increment is NULL.
   */
  private static String cumulative(MetricDefinition m, MetricEngine.Placeholders p, String instance, String increment, boolean instanced) {
    String before =
        "coalesce((SELECT b.value FROM " + p.schema() + ".metrics b WHERE b.metric = '" + m.id() + "' AND b.instance = "
            + (instanced ? instance.replace("instance", "q.instance") : "''") + " AND b.day < " + p.date(p.from())
            + " ORDER BY b.day DESC LIMIT 1), 0)";
    String partition = instanced && !instance.equals("''") ? "PARTITION BY instance " : "";
    String total = "(" + before + " + sum(" + increment + ") OVER (" + partition + "ORDER BY day ROWS UNBOUNDED PRECEDING))";
    // a source row whose increment is NULL has no value (the metric is undefined that day), not the total so far
    return instanced ? "CASE WHEN " + increment + " IS NOT NULL THEN " + total + " END" : total;
  }
}
