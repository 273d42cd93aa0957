package org.openbds.metrics;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.api.SqlDialect;
import org.openbds.api.Warehouse;

/**
 * Computes the catalog's metrics in the warehouse, by UTC day, and keeps them current: each run finds the lowest block
 * that changed since the last run (new blocks, or blocks replaced by a reorg), and recomputes the helper tables and
 * every metric from that block's day on, in one transaction. Days before it are never touched; trailing windows and
 * running totals read the stored values of the days before.
 *
 * <p>Stored in the chain's schema: {@code metrics} (day, metric, instance, value, catalog_version), {@code
 * metrics_blocks} (the blocks the values were computed over) and {@code metrics_state}. Not thread-safe: one run at a
 * time per warehouse, on the thread that owns it.
 */
public final class MetricEngine {
  private final Warehouse warehouse;
  private final SqlDialect dialect;
  private final MetricCatalog catalog;
  /** The schema and family pairs whose storage and helper tables this engine has created. */
  private final java.util.Set<String> created = new java.util.HashSet<>();
  /** The schema and family pairs whose reference tables this engine has seen loaded. */
  private final java.util.Set<String> referenced = new java.util.HashSet<>();
  /** How each by-block source's metrics split into parts, by schema, family and source, planned once per engine. */
  private final Map<String, DayParts> dayParts = new HashMap<>();

  public MetricEngine(Warehouse warehouse, MetricCatalog catalog) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.dialect = warehouse.dialect();
  }

  public MetricCatalog catalog() {
    return catalog;
  }

  /** Brings the chain's metrics up to date with its blocks, recomputing only the days from the first change on. */
  public MetricUpdate update(ChainId chain, String family) {
    return run(chain, family, false);
  }

  /** Recomputes every metric of the chain from scratch. */
  public MetricUpdate recompute(ChainId chain, String family) {
    return run(chain, family, true);
  }

  private MetricUpdate run(ChainId chain, String family, boolean forceFull) {
    long t0 = System.nanoTime();
    String s = chain.value();
    String blocks = "(" + catalog.blockDays(family).replace("{schema}", s) + ")";
    if (forceFull || !created.contains(s + "/" + family)) {
      // a statement costs a millisecond or two even when it has nothing to do: the tables are created once per engine
      List<String> setup = new ArrayList<>(storageTables(s));
      for (MetricHelper h : catalog.helpers(family)) {
        for (String create : h.create()) {
          setup.add(create.replace("{schema}", s));
        }
      }
      warehouse.executeAtomically(forWarehouse(setup));
      created.add(s + "/" + family);
    }

    QueryResult state = warehouse.query("SELECT catalog_version FROM " + s + ".metrics_state");
    boolean full = forceFull || state.rows().isEmpty() || !catalog.version().equals(state.rows().get(0).get(0));
    long firstHeight = full ? 0 : firstChangedHeight(s, blocks);
    if (firstHeight < 0) {
      return new MetricUpdate(Optional.empty(), Optional.empty(), -1, false, 0, Duration.ofNanos(System.nanoTime() - t0));
    }
    if (firstHeight == 0) {
      // nothing computed, or every block replaced or removed: nothing stored (such as a day's parts) carries over
      full = true;
    }
    if (!full && tooDeep(s, family, firstHeight)) {
      // the helpers keep what they need to undo only the last blocks: a deeper change is recomputed from scratch
      full = true;
      firstHeight = 0;
    }
    LocalDate from = firstDay(s, blocks, firstHeight);
    // blocks only added after those computed before: helpers may merge them into their rows instead of rebuilding days
    boolean append = !full && noneComputedFrom(s, firstHeight);
    List<String> statements = new ArrayList<>();
    statements.add("DELETE FROM " + s + ".metrics_blocks WHERE height >= " + firstHeight);
    statements.add("INSERT INTO " + s + ".metrics_blocks SELECT height, hash, day FROM " + blocks + " b WHERE height >= " + firstHeight);
    statements.add("DELETE FROM " + s + ".metrics_state");
    statements.add("INSERT INTO " + s + ".metrics_state VALUES ('" + catalog.version() + "', now())");
    if (full) {
      statements.add("DELETE FROM " + s + ".metrics");
    }
    if (full || !referenced.contains(s + "/" + family) && !referencesPresent(s, family)) {
      for (ReferenceTable r : catalog.references(family)) {
        statements.addAll(r.load(s));
      }
    }
    if (from == null) {
      // no blocks left at all: nothing to compute
      statements.add("DELETE FROM " + s + ".metrics");
      warehouse.executeAtomically(forWarehouse(statements));
      return new MetricUpdate(Optional.empty(), Optional.empty(), firstHeight, full, 0, Duration.ofNanos(System.nanoTime() - t0));
    }
    LocalDate to = lastDay(blocks);
    long fromHeight = firstHeightOfDay(blocks, from);
    Placeholders p = new Placeholders(s, from, to, fromHeight, firstHeight, append);
    // and when all of them belong to one day no earlier than the old tip's, a helper's append section adds just them
    boolean oneDay = append && appendsOneDay(s, blocks, firstHeight, from);
    for (MetricHelper h : catalog.helpers(family)) {
      for (String sql : oneDay && !h.append().isEmpty() ? h.append() : h.refresh()) {
        statements.add(p.apply(sql));
      }
    }
    statements.add("DELETE FROM " + s + ".metrics WHERE day >= " + p.date(from));
    List<MetricDefinition> all = catalog.metrics(family);
    Map<String, List<MetricDefinition>> bySource = new TreeMap<>();
    for (MetricDefinition m : all) {
      if (!m.derived()) {
        bySource.computeIfAbsent(m.source(), k -> new ArrayList<>()).add(m);
      }
    }
    for (var e : bySource.entrySet()) {
      MetricSource source = catalog.sources(family).get(e.getKey());
      if (!source.byBlock()) {
        statements.add(MetricSql.sourceInsert(source, e.getValue(), p, catalog.version(), dialect));
        continue;
      }
      DayParts parts = dayParts.computeIfAbsent(s + "/" + family + "/" + source.name(), k -> DayParts.plan(warehouse, s, source, e.getValue()));
      statements.addAll(parts.refresh(p, full, append));
      if (parts.kept()) {
        statements.add(MetricSql.sourceInsert(parts.mergedSource(), parts.merged(), p, catalog.version(), dialect));
      }
      if (!parts.rest().isEmpty()) {
        statements.add(MetricSql.sourceInsert(source, parts.rest(), p, catalog.version(), dialect));
      }
    }
    for (List<MetricDefinition> level : derivedLevels(all)) {
      statements.add(MetricSql.derivedInsert(level, p, catalog.version(), dialect));
    }
    for (MetricDefinition m : all) {
      if (m.keepDays() > 0) {
        statements.add(
            "DELETE FROM " + s + ".metrics WHERE metric = '" + m.id() + "' AND day < " + p.date(to.minusDays(m.keepDays() - 1)));
      }
    }
    warehouse.executeAtomically(forWarehouse(statements));
    referenced.add(s + "/" + family);
    return new MetricUpdate(Optional.of(from), Optional.of(to), firstHeight, full, all.size(), Duration.ofNanos(System.nanoTime() - t0));
  }

  /**
   * The statements as this warehouse takes them: a statement marked by a first line {@code -- duckdb only} or
   * {@code -- postgresql only} runs on that warehouse alone.
   */
  private List<String> forWarehouse(List<String> statements) {
    List<String> out = new ArrayList<>(statements.size());
    for (String sql : statements) {
      String first = sql.strip().lines().findFirst().orElse("").strip();
      if (first.equals("-- duckdb only") && dialect != SqlDialect.DUCKDB || first.equals("-- postgresql only") && dialect != SqlDialect.POSTGRESQL) {
        continue;
      }
      if (dialect == SqlDialect.DUCKDB) {
        out.add(sql);
      } else {
        out.addAll(PostgresSql.statements(sql));
      }
    }
    return out;
  }

  /** The stored values of {@code ids} from {@code from} to {@code to} inclusive, by day, metric and instance. */
  public QueryResult values(ChainId chain, String family, List<String> ids, LocalDate from, LocalDate to) {
    for (String id : ids) {
      if (catalog.metric(family, id).isEmpty()) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no " + family + " metric '" + id + "'; see bds metrics list");
      }
    }
    if (from.isAfter(to)) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "--from " + from + " is after --to " + to);
    }
    List<String> canonical = new ArrayList<>();
    for (String id : ids) {
      canonical.add(catalog.metric(family, id).orElseThrow().id());
    }
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < canonical.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    List<Object> params = new ArrayList<>(canonical);
    params.add(java.sql.Date.valueOf(from));
    params.add(java.sql.Date.valueOf(to));
    return warehouse.query(
        "SELECT day, metric, instance, value FROM " + chain.value() + ".metrics WHERE metric IN (" + in + ")"
            + " AND day BETWEEN ? AND ? ORDER BY day, metric, instance",
        params.toArray());
  }

  private boolean referencesPresent(String s, String family) {
    for (ReferenceTable r : catalog.references(family)) {
      QueryResult found =
          warehouse.query(
              "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", s, "m_ref_" + r.name());
      if (((Number) found.rows().get(0).get(0)).longValue() == 0) {
        return false;
      }
    }
    return true;
  }

  private static List<String> storageTables(String s) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS " + s + ".metrics (day DATE NOT NULL, metric VARCHAR NOT NULL, instance VARCHAR NOT NULL,"
            + " value DECIMAL(38,10) NOT NULL, catalog_version VARCHAR NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s + ".metrics_blocks (height BIGINT NOT NULL, hash VARCHAR NOT NULL, day DATE NOT NULL)",
        "CREATE TABLE IF NOT EXISTS " + s + ".metrics_state (catalog_version VARCHAR NOT NULL, computed_at TIMESTAMP NOT NULL)",
        // PostgreSQL reads the stored values of a metric, a day's and a block's through indexes (DuckDB skips row groups)
        "-- postgresql only\nCREATE INDEX IF NOT EXISTS metrics_metric_day ON " + s + ".metrics (metric, day)",
        "-- postgresql only\nCREATE INDEX IF NOT EXISTS metrics_day ON " + s + ".metrics (day)",
        "-- postgresql only\nCREATE INDEX IF NOT EXISTS metrics_blocks_height ON " + s + ".metrics_blocks (height)");
  }


  /** Whether a change at {@code firstHeight} lies deeper below the last computed block than the helpers can undo. */
  private boolean tooDeep(String s, String family, long firstHeight) {
    java.util.OptionalLong limit = catalog.maxRollbackBlocks(family);
    if (limit.isEmpty()) {
      return false;
    }
    Object last = warehouse.query("SELECT max(height) FROM " + s + ".metrics_blocks").rows().get(0).get(0);
    return last != null && firstHeight <= ((Number) last).longValue() - limit.getAsLong();
  }

  /** The lowest height whose block differs from the one the metrics were computed over, or -1 if none does. */
  private long firstChangedHeight(String s, String blocks) {
    QueryResult last =
        warehouse.query("SELECT height, hash FROM " + s + ".metrics_blocks WHERE height = (SELECT max(height) FROM " + s + ".metrics_blocks)");
    if (last.rows().isEmpty()) {
      return 0;
    }
    long height = ((Number) last.rows().get(0).get(0)).longValue();
    Object hash = last.rows().get(0).get(1);
    QueryResult now = warehouse.query("SELECT hash FROM " + blocks + " b WHERE height = " + height);
    if (!now.rows().isEmpty() && hash.equals(now.rows().get(0).get(0))) {
      QueryResult more = warehouse.query("SELECT min(height) FROM " + blocks + " b WHERE height > " + height);
      Object next = more.rows().get(0).get(0);
      return next == null ? -1 : ((Number) next).longValue();
    }
    QueryResult diff =
        warehouse.query(
            "SELECT min(coalesce(m.height, b.height)) FROM " + s + ".metrics_blocks m FULL OUTER JOIN " + blocks
                + " b ON m.height = b.height WHERE m.hash IS DISTINCT FROM b.hash");
    Object h = diff.rows().get(0).get(0);
    return h == null ? -1 : ((Number) h).longValue();
  }

  private boolean appendsOneDay(String s, String blocks, long firstHeight, LocalDate from) {
    QueryResult old = warehouse.query("SELECT max(height), max(day) FROM " + s + ".metrics_blocks WHERE height < " + firstHeight);
    Object oldTip = old.rows().get(0).get(0);
    if (oldTip == null || ((Number) oldTip).longValue() != firstHeight - 1 || toDate(old.rows().get(0).get(1)).isAfter(from)) {
      return false;
    }
    QueryResult gone = warehouse.query("SELECT count(*) FROM " + s + ".metrics_blocks WHERE height >= " + firstHeight);
    QueryResult fresh = warehouse.query("SELECT max(day) FROM " + blocks + " b WHERE height >= " + firstHeight);
    return ((Number) gone.rows().get(0).get(0)).longValue() == 0 && from.equals(toDate(fresh.rows().get(0).get(0)));
  }

  /** Whether no block at or above {@code height} was part of the last computation (so nothing there is replaced). */
  private boolean noneComputedFrom(String s, long height) {
    QueryResult r = warehouse.query("SELECT count(*) FROM " + s + ".metrics_blocks WHERE height >= " + height);
    return ((Number) r.rows().get(0).get(0)).longValue() == 0;
  }

  /** The earliest day of a block at or above {@code height}, before or after the change; null when no block is left. */
  private LocalDate firstDay(String s, String blocks, long height) {
    QueryResult r =
        warehouse.query(
            "SELECT min(day) FROM (SELECT day FROM " + blocks + " b WHERE height >= " + height
                + " UNION ALL SELECT day FROM " + s + ".metrics_blocks WHERE height >= " + height + ") d");
    Object day = r.rows().get(0).get(0);
    if (day == null) {
      return null;
    }
    QueryResult any = warehouse.query("SELECT count(*) FROM " + blocks + " b");
    return ((Number) any.rows().get(0).get(0)).longValue() == 0 ? null : toDate(day);
  }

  private LocalDate lastDay(String blocks) {
    return toDate(warehouse.query("SELECT max(day) FROM " + blocks + " b").rows().get(0).get(0));
  }

  private long firstHeightOfDay(String blocks, LocalDate from) {
    Object h = warehouse.query("SELECT min(height) FROM " + blocks + " b WHERE day >= DATE '" + from + "'").rows().get(0).get(0);
    return h == null ? 0 : ((Number) h).longValue();
  }

  private static LocalDate toDate(Object v) {
    if (v instanceof LocalDate d) {
      return d;
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.time.LocalDateTime t) {
      return t.toLocalDate();
    }
    throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "expected a date, got " + v);
  }

  /** Derived metrics grouped so that each group reads only metrics of earlier groups or of sources. */
  static List<List<MetricDefinition>> derivedLevels(List<MetricDefinition> all) {
    Map<String, MetricDefinition> byId = new HashMap<>();
    for (MetricDefinition m : all) {
      byId.put(m.id(), m);
    }
    Map<String, Integer> levels = new HashMap<>();
    Map<Integer, List<MetricDefinition>> grouped = new TreeMap<>();
    for (MetricDefinition m : all) {
      if (m.derived()) {
        grouped.computeIfAbsent(level(m, byId, levels), k -> new ArrayList<>()).add(m);
      }
    }
    return new ArrayList<>(new LinkedHashMap<>(grouped).values());
  }

  private static int level(MetricDefinition m, Map<String, MetricDefinition> byId, Map<String, Integer> levels) {
    if (!m.derived()) {
      return 0;
    }
    Integer known = levels.get(m.id());
    if (known != null) {
      return known;
    }
    int level = 1;
    for (String d : m.dependencies()) {
      level = Math.max(level, level(byId.get(d), byId, levels) + 1);
    }
    levels.put(m.id(), level);
    return level;
  }

  /**
   * Values put in place of a template's placeholders.
   *
   * @param changedHeight the lowest block height that changed since the last run ({@code {changed_height}}); 0 when
   *     everything is computed again
   * @param append whether the run only adds blocks above those the stored values were computed over ({@code {append}},
   *     TRUE or FALSE): no block was replaced or removed and the catalog is the same
   */
  record Placeholders(String schema, LocalDate from, LocalDate to, long fromHeight, long changedHeight, boolean append) {
    /** Placeholders for a run that rebuilds everything from the first block of {@code from}. */
    Placeholders(String schema, LocalDate from, LocalDate to, long fromHeight) {
      this(schema, from, to, fromHeight, fromHeight, false);
    }

    String date(LocalDate d) {
      return "DATE '" + d + "'";
    }

    String apply(String sql) {
      return sql.replace("{schema}", schema)
          .replace("{from}", date(from))
          .replace("{to}", date(to))
          .replace("{from_height}", Long.toString(fromHeight))
          .replace("{changed_height}", Long.toString(changedHeight))
          .replace("{new_height}", Long.toString(changedHeight))
          .replace("{append}", append ? "TRUE" : "FALSE");
    }
  }
}
