package org.openbds.metrics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.api.SqlDialect;
import org.openbds.api.Warehouse;

/**
 * The parts of each day a by-block source keeps ({@link MetricSource#byBlock()}): a table {@code m_parts_<source>}
 * with a row per day (and instance) per run that added blocks, holding the mergeable aggregates of the source's
 * metrics over those blocks. A run that only appends blocks adds their parts; a run that replaces blocks computes the
 * parts of the days from the first replaced one again, as one part per day. The day's value of a metric is then its
 * merged expression over the day's parts, so a new block costs a scan of that block, not of its whole day.
 *
 * <p>A part that sums floating-point values would make a day's value depend on how the day was cut into parts; the
 * metrics using one are computed over the whole day instead, with the metrics that do not split.
 *
 * @param source the source
 * @param table the parts table, schema-qualified
 * @param create the statement that creates the parts table empty
 * @param query the parts query template: the source's query with the parts in place of the metrics
 * @param merged the metrics kept in parts, their expressions rewritten over the parts table
 * @param mergedSource the query over the parts table that yields the merged metrics
 * @param rest the metrics computed over whole days
 */
record DayParts(
    MetricSource source,
    String table,
    String create,
    String query,
    List<MetricDefinition> merged,
    MetricSource mergedSource,
    List<MetricDefinition> rest) {

  /** How {@code metrics} of a by-block {@code source} split, with the part types as the warehouse plans them. */
  static DayParts plan(Warehouse warehouse, String schema, MetricSource source, List<MetricDefinition> metrics) {
    Map<MetricDefinition, PartialAggregates.Split> splits = new LinkedHashMap<>();
    List<MetricDefinition> rest = new ArrayList<>();
    for (MetricDefinition m : metrics) {
      PartialAggregates.split(m.expression(), source.blockKeys()).ifPresentOrElse(s -> splits.put(m, s), () -> rest.add(m));
    }
    List<PartialAggregates.Part> parts = parts(splits);
    String table = schema + ".m_parts_" + source.name();
    if (parts.isEmpty() || warehouse.dialect() != SqlDialect.DUCKDB) {
      // (kept on the embedded warehouse, where they save a day's scan per update; PostgreSQL scans the day by index)
      return wholeDays(source, table, metrics);
    }
    Map<String, String> types = describe(warehouse, schema, query(source, parts));
    // parts summing floating-point values: their metrics go back to whole days
    splits.entrySet().removeIf(e -> {
      for (PartialAggregates.Part part : e.getValue().parts()) {
        String type = types.get(column(parts.indexOf(part))).toUpperCase(Locale.ROOT);
        if (part.adds() && (type.equals("DOUBLE") || type.equals("FLOAT") || type.equals("REAL"))) {
          rest.add(e.getKey());
          return true;
        }
      }
      return false;
    });
    List<PartialAggregates.Part> kept = parts(splits);
    if (kept.isEmpty()) {
      return wholeDays(source, table, metrics);
    }
    List<String> keys = source.instanced() ? List.of("day", "instance") : List.of("day");
    StringBuilder create = new StringBuilder("CREATE OR REPLACE TABLE ").append(table).append(" (");
    for (String key : keys) {
      if (!types.containsKey(key)) {
        throw new BdsException(ErrorCode.INVALID_CONFIG, "metric source " + source.name() + " yields no '" + key + "' column");
      }
      create.append(key).append(' ').append(types.get(key)).append(", ");
    }
    for (int i = 0; i < kept.size(); i++) {
      create.append(i == 0 ? "" : ", ").append(column(i)).append(' ').append(types.get(column(parts.indexOf(kept.get(i)))));
    }
    create.append(')');
    List<MetricDefinition> merged = new ArrayList<>();
    for (var e : splits.entrySet()) {
      String expression = e.getValue().merged();
      List<PartialAggregates.Part> own = e.getValue().parts();
      for (int i = 0; i < own.size(); i++) {
        expression = expression.replace("{part:" + i + "}", column(kept.indexOf(own.get(i))));
      }
      MetricDefinition m = e.getKey();
      merged.add(
          new MetricDefinition(
              m.id(), m.family(), m.name(), m.unit(), m.source(), expression, m.definition(), m.basis(), m.lookbackDays(),
              m.cumulative(), m.dependencies(), m.file(), m.keepDays()));
    }
    String keyList = String.join(", ", keys);
    MetricSource mergedSource =
        new MetricSource(
            source.family(), source.name(),
            "SELECT " + keyList + ",\n  {metrics}\nFROM " + table + "\nWHERE day >= {from}\nGROUP BY " + keyList,
            source.instanced(), source.description(), false, Set.of());
    return new DayParts(source, table, create.toString(), query(source, kept), List.copyOf(merged), mergedSource, List.copyOf(rest));
  }

  /** No parts: every metric of the source computed over whole days, as for a source not kept by block. */
  private static DayParts wholeDays(MetricSource source, String table, List<MetricDefinition> metrics) {
    return new DayParts(source, table, "", "", List.of(), source, List.copyOf(metrics));
  }

  /** Whether any metric is kept in parts. */
  boolean kept() {
    return !merged.isEmpty();
  }

  /**
   * The statements that bring the parts table up to date: everything again ({@code full}), the parts of the blocks
   * from {@code p.changedHeight()} added ({@code append}), or the days from {@code p.from()} computed again.
   */
  List<String> refresh(MetricEngine.Placeholders p, boolean full, boolean append) {
    if (!kept()) {
      return List.of();
    }
    if (full) {
      return List.of(create, "INSERT INTO " + table + " " + p.apply(query));
    }
    if (append) {
      MetricEngine.Placeholders blocks =
          new MetricEngine.Placeholders(p.schema(), p.from(), p.to(), p.changedHeight(), p.changedHeight(), true);
      return List.of("INSERT INTO " + table + " " + blocks.apply(query));
    }
    return List.of("DELETE FROM " + table + " WHERE day >= " + p.date(p.from()), "INSERT INTO " + table + " " + p.apply(query));
  }

  private static List<PartialAggregates.Part> parts(Map<MetricDefinition, PartialAggregates.Split> splits) {
    List<PartialAggregates.Part> parts = new ArrayList<>();
    for (PartialAggregates.Split s : splits.values()) {
      for (PartialAggregates.Part part : s.parts()) {
        if (!parts.contains(part)) {
          parts.add(part);
        }
      }
    }
    return parts;
  }

  private static String query(MetricSource source, List<PartialAggregates.Part> parts) {
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      columns.append(i == 0 ? "" : ",\n  ").append(parts.get(i).aggregate()).append(" AS ").append(column(i));
    }
    return source.sql().replace("{metrics}", columns);
  }

  private static String column(int index) {
    return "part_" + index;
  }

  /** The name and type of each column the query yields, planned without running it. */
  private static Map<String, String> describe(Warehouse warehouse, String schema, String query) {
    LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
    MetricEngine.Placeholders p = new MetricEngine.Placeholders(schema, today, today, 0, 0, false);
    QueryResult r = warehouse.query("DESCRIBE " + p.apply(query));
    int name = r.columns().indexOf("column_name");
    int type = r.columns().indexOf("column_type");
    Map<String, String> types = new LinkedHashMap<>();
    for (List<Object> row : r.rows()) {
      types.put(String.valueOf(row.get(name)), String.valueOf(row.get(type)));
    }
    return types;
  }
}
