package org.openbds.metrics.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.openbds.api.BdsException;
import org.openbds.api.ChainId;
import org.openbds.api.ErrorCode;
import org.openbds.api.QueryResult;
import org.openbds.api.Warehouse;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricDefinition;
import org.openbds.metrics.MetricSource;

/**
 * Reads a month's report data from the warehouse: blocks, stored metric values and the engine's bookkeeping. It reads
 * what is stored and computes nothing; callers bring the values up to date first ({@code MetricEngine.update}).
 *
 * <p>Values are read by metric id straight from the {@code metrics} table, whether or not this program's catalog
 * defines the id, so values written by a newer catalog or by another tool still show; the catalog only supplies names,
 * units and definitions. Times and days are read as text, so no JDBC time-zone conversion can shift a UTC day.
 */
public final class ReportDataLoader {
  private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  /** How many cohorts (months before the reported one) the retention table shows. */
  static final int COHORT_MONTHS = 12;

  private final Warehouse warehouse;
  private final MetricCatalog catalog;
  private final Clock clock;

  public ReportDataLoader(Warehouse warehouse, MetricCatalog catalog, Clock clock) {
    this.warehouse = requireNonNull(warehouse, "warehouse is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * The report data of {@code chain} (of {@code family}) for {@code month}.
   *
   * @param baseUnit name of the chain's base unit (litoshi, wei)
   * @throws BdsException {@link ErrorCode#UNKNOWN_CHAIN} when the warehouse has no such chain,
   *     {@link ErrorCode#INVALID_ARGUMENT} when the chain has no block in the month
   */
  public ReportData load(ChainId chain, String family, YearMonth month, String baseUnit) {
    String network =
        warehouse
            .network(chain)
            .orElseThrow(() -> new BdsException(ErrorCode.UNKNOWN_CHAIN, "the warehouse holds no chain '" + chain + "' (it holds: " + warehouse.chains() + ")"));
    Map<String, ReportData.MetricInfo> infos = new TreeMap<>();
    Set<String> instanced = new TreeSet<>();
    Map<String, MetricSource> sources = catalog.sources(family);
    for (MetricDefinition m : catalog.metrics(family)) {
      infos.put(m.id(), new ReportData.MetricInfo(m.id(), m.name(), m.unit(), m.definition()));
      MetricSource source = sources.get(m.source());
      if (source != null && source.instanced()) {
        instanced.add(m.id());
      }
    }
    ReportPlan plan = ReportPlan.of(family, infos.keySet(), instanced);
    String s = chain.value();
    String blocks = "(" + plan.blockTimes().replace("{schema}", s) + ")";

    List<ReportData.BlockPoint> ends =
        blockPoints("SELECT * FROM " + blocks + " b WHERE height = (SELECT min(height) FROM " + blocks + " f) OR height = (SELECT max(height) FROM "
            + blocks + " l) ORDER BY height");
    if (ends.isEmpty()) {
      throw new BdsException(ErrorCode.INVALID_ARGUMENT, "the warehouse holds no " + chain + " blocks yet: nothing to report");
    }
    ReportData.BlockPoint first = ends.get(0);
    ReportData.BlockPoint last = ends.get(ends.size() - 1);
    LocalDate from = month.minusMonths(1).atDay(1);
    LocalDate to = month.atEndOfMonth();
    String inMonth = timeBetween(month.atDay(1), to);
    List<ReportData.BlockPoint> monthEnds =
        blockPoints("(SELECT * FROM " + blocks + " b WHERE " + inMonth + " ORDER BY height LIMIT 1) UNION ALL (SELECT * FROM " + blocks
            + " b WHERE " + inMonth + " ORDER BY height DESC LIMIT 1)");
    if (monthEnds.isEmpty()) {
      throw new BdsException(
          ErrorCode.INVALID_ARGUMENT,
          "no " + chain + " block has a time in " + month + " (UTC): the warehouse holds blocks " + first.height() + " to " + last.height()
              + ", from " + first.time().toLocalDate() + " to " + last.time().toLocalDate());
    }
    NavigableMap<LocalDate, Long> blocksByDay = new TreeMap<>();
    for (List<Object> row :
        warehouse.query("SELECT CAST(CAST(time AS DATE) AS VARCHAR), count(*) FROM " + blocks + " b WHERE " + timeBetween(from, to) + " GROUP BY 1").rows()) {
      blocksByDay.put(LocalDate.parse((String) row.get(0)), ((Number) row.get(1)).longValue());
    }
    Optional<ReportData.BlockId> checkpoint = warehouse.checkpoint(chain).map(r -> new ReportData.BlockId(r.height(), r.hash().toHex()));

    boolean computed = tableExists(s, "metrics") && tableExists(s, "metrics_blocks");
    MetricValues values = computed ? values(s, plan.ids(), from, to) : MetricValues.builder().build();
    Set<String> versions = new TreeSet<>();
    Optional<ReportData.BlockId> metricsTip = Optional.empty();
    List<ReportData.Cohort> cohorts = List.of();
    if (computed) {
      for (List<Object> row :
          warehouse.query("SELECT DISTINCT catalog_version FROM " + s + ".metrics WHERE day BETWEEN " + date(month.atDay(1)) + " AND " + date(to)).rows()) {
        versions.add((String) row.get(0));
      }
      List<List<Object>> tip = warehouse.query("SELECT height, hash FROM " + s + ".metrics_blocks ORDER BY height DESC LIMIT 1").rows();
      if (!tip.isEmpty()) {
        metricsTip = Optional.of(new ReportData.BlockId(((Number) tip.get(0).get(0)).longValue(), (String) tip.get(0).get(1)));
      }
      cohorts = cohorts(s, month, retentionInPercent(infos.get(ReportPlan.RETENTION)));
    }
    ReportData.Coverage coverage =
        new ReportData.Coverage(checkpoint, first, last, blocksByDay, monthEnds.get(0), monthEnds.get(monthEnds.size() - 1), metricsTip);
    CoinUnit unit = new CoinUnit(chain.value().toUpperCase(Locale.ROOT), baseUnit, plan.decimals());
    return new ReportData(chain, network, month, unit, plan, clock.instant(), catalog.version(), infos, values, versions, cohorts, coverage);
  }

  private MetricValues values(String s, List<String> ids, LocalDate from, LocalDate to) {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    QueryResult r =
        warehouse.query(
            "SELECT CAST(day AS VARCHAR), metric, instance, value FROM " + s + ".metrics WHERE metric IN (" + in + ") AND day BETWEEN " + date(from)
                + " AND " + date(to),
            ids.toArray());
    MetricValues.Builder b = MetricValues.builder();
    for (List<Object> row : r.rows()) {
      b.put((String) row.get(1), (String) row.get(2), LocalDate.parse((String) row.get(0)), decimal(row.get(3)));
    }
    return b.build();
  }

  /**
   * The cohorts of the {@value #COHORT_MONTHS} months before {@code month}: each cohort's retention in each later month
   * up to {@code month} is its stored value on that month's last day with data, as the metric defines it.
   */
  private List<ReportData.Cohort> cohorts(String s, YearMonth month, boolean percent) {
    YearMonth oldest = month.minusMonths(COHORT_MONTHS);
    LocalDate from = oldest.atDay(1);
    LocalDate to = month.atEndOfMonth();
    Map<YearMonth, Map<Integer, BigDecimal>> retention = new TreeMap<>();
    QueryResult r =
        warehouse.query(
            "WITH ends AS (SELECT max(day) AS day FROM " + s + ".metrics_blocks WHERE day BETWEEN " + date(from) + " AND " + date(to)
                + " GROUP BY date_trunc('month', day))"
                + " SELECT CAST(m.day AS VARCHAR), m.instance, m.value FROM " + s + ".metrics m JOIN ends e ON m.day = e.day WHERE m.metric = ?",
            ReportPlan.RETENTION);
    for (List<Object> row : r.rows()) {
      Optional<YearMonth> cohort = yearMonth((String) row.get(1));
      YearMonth at = YearMonth.from(LocalDate.parse((String) row.get(0)));
      if (cohort.isEmpty() || cohort.get().isBefore(oldest) || !cohort.get().isBefore(at)) {
        continue;
      }
      int age = (at.getYear() - cohort.get().getYear()) * 12 + at.getMonthValue() - cohort.get().getMonthValue();
      BigDecimal v = decimal(row.get(2));
      retention.computeIfAbsent(cohort.get(), k -> new TreeMap<>()).put(age, percent ? v : v.movePointRight(2));
    }
    if (retention.isEmpty()) {
      return List.of();
    }
    Map<YearMonth, BigDecimal> sizes = new HashMap<>();
    for (List<Object> row :
        warehouse
            .query(
                "SELECT strftime(day, '%Y-%m'), sum(value) FROM " + s + ".metrics WHERE metric = ? AND instance = '' AND day BETWEEN "
                    + date(from) + " AND " + date(to) + " GROUP BY 1",
                ReportPlan.NEW_ADDRESSES)
            .rows()) {
      yearMonth((String) row.get(0)).ifPresent(m -> sizes.put(m, decimal(row.get(1))));
    }
    List<ReportData.Cohort> out = new ArrayList<>();
    Map<YearMonth, Map<Integer, BigDecimal>> ordered = new LinkedHashMap<>(retention);
    ordered.forEach((m, ages) -> out.add(new ReportData.Cohort(m, Optional.ofNullable(sizes.get(m)), new TreeMap<>(ages))));
    return out;
  }

  /**
   * Whether the catalog states the retention metric in percent; a unit of ratio, share or fraction means values from 0
   * to 1. Without a catalog entry the id's {@code Pct} is taken at its word.
   */
  static boolean retentionInPercent(ReportData.MetricInfo info) {
    if (info == null) {
      return true;
    }
    String unit = info.unit().toLowerCase(Locale.ROOT);
    return !(unit.contains("ratio") || unit.contains("share") || unit.contains("fraction"));
  }

  private List<ReportData.BlockPoint> blockPoints(String sql) {
    List<ReportData.BlockPoint> out = new ArrayList<>();
    for (List<Object> row :
        warehouse.query("SELECT height, CAST(hash AS VARCHAR), strftime(time, '%Y-%m-%d %H:%M:%S') FROM (" + sql + ") p ORDER BY height").rows()) {
      out.add(new ReportData.BlockPoint(((Number) row.get(0)).longValue(), (String) row.get(1), LocalDateTime.parse((String) row.get(2), SQL_TIME)));
    }
    return out;
  }

  private boolean tableExists(String schema, String table) {
    QueryResult r = warehouse.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?", schema, table);
    return ((Number) r.rows().get(0).get(0)).longValue() > 0;
  }

  /** A condition on {@code time} covering the UTC days {@code from} to {@code to}, with literals (no time-zone conversion). */
  private static String timeBetween(LocalDate from, LocalDate to) {
    return "time >= TIMESTAMP '" + from + " 00:00:00' AND time < TIMESTAMP '" + to.plusDays(1) + " 00:00:00'";
  }

  private static String date(LocalDate d) {
    return "DATE '" + d + "'";
  }

  private static Optional<YearMonth> yearMonth(String text) {
    if (text == null || !text.matches("\\d{4}-\\d{2}")) {
      return Optional.empty();
    }
    try {
      return Optional.of(YearMonth.parse(text));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static BigDecimal decimal(Object v) {
    return v instanceof BigDecimal d ? d : new BigDecimal(v.toString());
  }
}
