package org.openbds.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openbds.api.SqlDialect;

/** Builds the statements that compute metrics and store them. */
final class MetricSql {
  static final String VALUE_TYPE = "DECIMAL(38,10)";

  private MetricSql() {}

  /** The metrics' expressions put into their source's query, and the rows it yields stored one per metric. */
  static String sourceInsert(MetricSource source, List<MetricDefinition> metrics, MetricEngine.Placeholders p, String version, SqlDialect dialect) {
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < metrics.size(); i++) {
      MetricDefinition m = metrics.get(i);
      columns.append(i == 0 ? "" : ",\n  ").append(value(m.expression(), dialect)).append(" AS \"").append(m.id()).append('"');
    }
    String query = p.apply(source.sql(dialect).replace("{metrics}", columns));
    String instance = source.instanced() ? "CAST(q.instance AS VARCHAR)" : "''";
    boolean running = !cumulative(metrics).isEmpty();
    StringBuilder values = new StringBuilder();
    for (MetricDefinition m : metrics) {
      String column = "q.\"" + m.id() + "\"";
      String value =
          m.cumulative()
              // a row whose own increment is NULL has no value (the metric is undefined that day), not the total so far
              ? "CASE WHEN " + column + " IS NOT NULL THEN CAST(coalesce(b.\"" + m.id() + "\", 0) + sum(" + column + ") OVER ("
                  + (source.instanced() ? "PARTITION BY q.instance " : "") + "ORDER BY q.day ROWS UNBOUNDED PRECEDING) AS "
                  + VALUE_TYPE + ") END"
              : column;
      values.append(",\n  ").append(value).append(" AS \"").append(m.id()).append('"');
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(p.schema()).append(".metrics (day, metric, instance, value, catalog_version)\n");
    sql.append("WITH q AS MATERIALIZED (\n").append(query).append("\n),\n");
    if (running) {
      sql.append("b AS (").append(before(cumulative(metrics), p, dialect)).append("),\n");
    }
    sql.append("r AS (SELECT q.day, ").append(instance).append(" AS instance").append(values).append("\nFROM q")
        .append(running ? " LEFT JOIN b ON b.instance = " + instance : "").append(")\n");
    return sql.append(unpivot("r", metrics, version, "", dialect)).toString();
  }

  /** A level of derived metrics, computed from a day-by-metric pivot of the values they read. */
  static String derivedInsert(List<MetricDefinition> metrics, MetricEngine.Placeholders p, String version, SqlDialect dialect) {
    // each metric read over the longest lookback of the metrics of this level that read it, not the level's longest
    Map<String, Integer> reads = new TreeMap<>();
    for (MetricDefinition m : metrics) {
      for (String d : m.dependencies()) {
        reads.merge(d, m.lookbackDays(), Math::max);
      }
    }
    String s = p.schema();
    StringBuilder pivot = new StringBuilder("SELECT day");
    StringBuilder where = new StringBuilder();
    for (var r : reads.entrySet()) {
      pivot.append(", max(value) FILTER (WHERE metric = '").append(r.getKey()).append("') AS \"").append(r.getKey()).append('"');
      where.append(where.length() == 0 ? "" : " OR ").append("(metric = '").append(r.getKey()).append("' AND day >= ")
          .append(p.date(p.from().minusDays(r.getValue()))).append(')');
    }
    pivot.append(" FROM ").append(s).append(".metrics WHERE instance = '' AND day <= ").append(p.date(p.to()))
        .append(" AND (").append(where).append(") GROUP BY day");
    StringBuilder columns = new StringBuilder("p.day");
    for (MetricDefinition m : metrics) {
      String expression = value(m.expression(), dialect);
      if (m.cumulative()) {
        // a day without input carries the total over (0 added), so that the value does not depend on where a run starts
        expression = "CAST(coalesce(b.\"" + m.id() + "\", 0) + sum(coalesce(CASE WHEN p.day >= " + p.date(p.from()) + " THEN "
            + expression + " END, 0)) OVER (ORDER BY p.day ROWS UNBOUNDED PRECEDING) AS " + VALUE_TYPE + ")";
      }
      columns.append(",\n  ").append(expression).append(" AS \"").append(m.id()).append('"');
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(s).append(".metrics (day, metric, instance, value, catalog_version)\n");
    sql.append("WITH p AS MATERIALIZED (").append(pivot).append("),\n");
    boolean running = !cumulative(metrics).isEmpty();
    if (running) {
      sql.append("b AS (").append(before(cumulative(metrics), p, dialect)).append("),\n");
    }
    sql.append("q AS MATERIALIZED (SELECT ").append(columns).append(", '' AS instance\nFROM p")
        .append(running ? " LEFT JOIN b ON b.instance = ''" : "").append(")\n");
    return sql.append(unpivot("q", metrics, version, " WHERE day >= " + p.date(p.from()), dialect)).toString();
  }

  /**
   * One row per metric and day from a table with a column per metric, leaving out the NULLs, which stand for "no
   * value": DuckDB's UNPIVOT (one operator: a UNION ALL of a query per metric costs a plan per metric on every update),
   * or a lateral list of (metric, value) pairs on PostgreSQL.
   */
  private static String unpivot(String table, List<MetricDefinition> metrics, String version, String where, SqlDialect dialect) {
    StringBuilder in = new StringBuilder();
    for (MetricDefinition m : metrics) {
      in.append(in.length() == 0 ? "" : ", ");
      if (dialect == SqlDialect.POSTGRESQL) {
        in.append("('").append(m.id()).append("', u.\"").append(m.id()).append("\")");
      } else {
        in.append('"').append(m.id()).append('"');
      }
    }
    if (dialect == SqlDialect.POSTGRESQL) {
      return "SELECT u.day, v.metric, u.instance, v.value, '" + version + "' FROM (SELECT * FROM " + table + where + ") u\n"
          + "CROSS JOIN LATERAL (VALUES " + in + ") AS v(metric, value) WHERE v.value IS NOT NULL\n";
    }
    return "SELECT day, metric, instance, value, '" + version + "' FROM (SELECT * FROM " + table + where + ")\n"
        + "UNPIVOT (value FOR metric IN (" + in + "))\n";
  }

  /**
   * An expression's value as stored. A floating-point value goes through its shortest decimal text: DuckDB's direct cast
   * scales it by 10^10 in floating point first, which turns 2.25e12 into 2249999999999.9998951424. Integers and decimals
   * are cast directly, which is exact: parsing text into a 38-digit decimal costs DuckDB microseconds a value, which
   * per-token metrics of millions of values would pay. (The type test is resolved when the statement is planned.)
   */
  static String value(String expression, SqlDialect dialect) {
    String e = "(" + expression + ")";
    if (dialect == SqlDialect.POSTGRESQL) {
      // PostgreSQL writes a double as its shortest exact text too, and reads every number from text exactly
      return "CAST(CAST(" + e + " AS TEXT) AS " + VALUE_TYPE + ")";
    }
    return "CASE WHEN typeof(" + e + ") IN ('DOUBLE', 'FLOAT') THEN CAST(CAST(" + e + " AS VARCHAR) AS " + VALUE_TYPE + ")"
        + " ELSE CAST(" + e + " AS " + VALUE_TYPE + ") END";
  }

  private static List<MetricDefinition> cumulative(List<MetricDefinition> metrics) {
    List<MetricDefinition> out = new ArrayList<>();
    for (MetricDefinition m : metrics) {
      if (m.cumulative()) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * The last stored value before the first recomputed day of each running total, one row per instance with a column
   * per metric: what each running total continues from. (One scan of the stored values for all of them.)
   */
  private static String before(List<MetricDefinition> cumulative, MetricEngine.Placeholders p, SqlDialect dialect) {
    StringBuilder columns = new StringBuilder("SELECT instance");
    StringBuilder in = new StringBuilder();
    for (MetricDefinition m : cumulative) {
      columns.append(", max(value) FILTER (WHERE metric = '").append(m.id()).append("') AS \"").append(m.id()).append('"');
      in.append(in.length() == 0 ? "" : ", ").append('\'').append(m.id()).append('\'');
    }
    String last =
        dialect == SqlDialect.POSTGRESQL
            ? "SELECT DISTINCT ON (metric, instance) metric, instance, value FROM " + p.schema() + ".metrics WHERE metric IN (" + in
                + ") AND day < " + p.date(p.from()) + " ORDER BY metric, instance, day DESC"
            : "SELECT metric, instance, arg_max(value, day) AS value FROM " + p.schema() + ".metrics WHERE metric IN (" + in
                + ") AND day < " + p.date(p.from()) + " GROUP BY metric, instance";
    return columns + " FROM (" + last + ") l GROUP BY instance";
  }
}
