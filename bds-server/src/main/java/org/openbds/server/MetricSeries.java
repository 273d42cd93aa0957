package org.openbds.server;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openbds.metrics.MetricCatalog;
import org.openbds.metrics.MetricDefinition;

/**
 * Metric series from the stored daily values ({@code <chain>.metrics}): by day, or by ISO week or calendar month
 * (UTC) with an aggregation of the days. Unless the request names one, the aggregation follows the metric: a state
 * (basis "end of day" or a trailing window) takes its period's last day, a daily count or sum adds its days up, and
 * anything else (means, medians, ratios) is the mean of its days — the answer names the one used.
 */
final class MetricSeries {
  static final List<String> INTERVALS = List.of("day", "week", "month");
  static final List<String> AGGREGATIONS = List.of("sum", "mean", "last", "min", "max");
  private static final long MAX_DAYS = 100 * 366L;

  private final ReaderPool readers;
  private final MetricCatalog catalog;

  MetricSeries(ReaderPool readers, MetricCatalog catalog) {
    this.readers = requireNonNull(readers, "readers is null");
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  /** The family's metrics; none for a family the catalog has no metrics of yet (the XRP Ledger). */
  List<Map<String, Object>> catalog(String family) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (!MetricCatalog.FAMILIES.contains(family)) {
      return out;
    }
    for (MetricDefinition m : catalog.metrics(family)) {
      out.add(describe(m));
    }
    return out;
  }

  private static Map<String, Object> describe(MetricDefinition m) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", m.id());
    d.put("name", m.name());
    d.put("unit", m.unit());
    d.put("basis", m.basis());
    d.put("definition", m.definition());
    d.put("default_aggregation", defaultAggregation(m));
    return d;
  }

  static String defaultAggregation(MetricDefinition m) {
    String basis = m.basis().toLowerCase(Locale.ROOT);
    if (m.cumulative() || basis.startsWith("end of day") || basis.startsWith("trailing")) {
      return "last";
    }
    String e = m.expression().strip().toLowerCase(Locale.ROOT);
    if (!m.derived() && (e.startsWith("count(") || e.startsWith("sum(")) && topLevel(e)) {
      return "sum";
    }
    return "mean";
  }

  /** Whether an expression is one call and nothing else: count(…) or sum(…), not sum(a) / count(b). */
  private static boolean topLevel(String e) {
    int depth = 0;
    for (int i = 0; i < e.length(); i++) {
      char c = e.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          String rest = e.substring(i + 1).strip();
          return rest.isEmpty() || rest.startsWith("filter");
        }
      }
    }
    return false;
  }

  Map<String, Object> series(Chains.Chain chain, String id, String fromText, String toText, String interval, String aggregation) {
    MetricDefinition m =
        (MetricCatalog.FAMILIES.contains(chain.family()) ? catalog.metric(chain.family(), id) : Optional.<MetricDefinition>empty())
            .orElseThrow(() -> new ApiException(404, "UNKNOWN_METRIC", "no " + chain.family() + " metric '" + Identifiers.shorten(id) + "'"));
    if (!INTERVALS.contains(interval)) {
      throw ApiException.badRequest("interval must be one of " + INTERVALS + ", not '" + Identifiers.shorten(interval) + "'");
    }
    String agg = aggregation == null || aggregation.isEmpty() ? defaultAggregation(m) : aggregation;
    if (!AGGREGATIONS.contains(agg)) {
      throw ApiException.badRequest("agg must be one of " + AGGREGATIONS + ", not '" + Identifiers.shorten(agg) + "'");
    }
    LocalDate to = toText == null ? LocalDate.of(9999, 12, 31) : date(toText, "to");
    LocalDate from = fromText == null ? LocalDate.of(1970, 1, 1) : date(fromText, "from");
    if (from.isAfter(to)) {
      throw ApiException.badRequest("from " + from + " is after to " + to);
    }
    if (fromText != null && toText != null && java.time.temporal.ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
      throw ApiException.badRequest("a series covers at most " + MAX_DAYS + " days");
    }
    String s = chain.id();
    List<Map<String, Object>> rows;
    if (!readers.exists(s, "metrics")) {
      // no metric computed in this warehouse yet
      rows = List.of();
    } else if (interval.equals("day")) {
      rows = readers.rows(
          "SELECT instance, day AS period, value FROM " + s + ".metrics WHERE metric = ? AND day BETWEEN ? AND ? ORDER BY instance, day",
          m.id(), java.sql.Date.valueOf(from), java.sql.Date.valueOf(to));
    } else {
      String fn = switch (agg) {
        case "sum" -> "sum(value)";
        case "mean" -> "CAST(avg(value) AS DECIMAL(38,10))";
        case "last" -> "(array_agg(value ORDER BY day DESC))[1]";
        case "min" -> "min(value)";
        default -> "max(value)";
      };
      rows = readers.rows(
          "SELECT instance, CAST(date_trunc('" + interval + "', CAST(day AS TIMESTAMP)) AS DATE) AS period, " + fn + " AS value, count(*) AS days FROM " + s
              + ".metrics WHERE metric = ? AND day BETWEEN ? AND ? GROUP BY instance, period ORDER BY instance, period",
          m.id(), java.sql.Date.valueOf(from), java.sql.Date.valueOf(to));
    }
    Map<String, List<List<Object>>> byInstance = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      List<Object> point = new ArrayList<>();
      point.add(r.get("period"));
      point.add(r.get("value"));
      if (r.containsKey("days")) {
        point.add(r.get("days"));
      }
      byInstance.computeIfAbsent((String) r.get("instance"), k -> new ArrayList<>()).add(point);
    }
    List<Map<String, Object>> series = new ArrayList<>();
    for (Map.Entry<String, List<List<Object>>> e : byInstance.entrySet()) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("instance", e.getKey());
      one.put("points", e.getValue());
      series.add(one);
    }
    Map<String, Object> out = describe(m);
    out.put("chain", s);
    out.put("interval", interval);
    out.put("aggregation", interval.equals("day") ? "none" : agg);
    out.put("point_fields", interval.equals("day") ? List.of("day", "value") : List.of("period_start", "value", "days"));
    out.put("series", series);
    return out;
  }

  private static LocalDate date(String text, String what) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(what + " must be a date like 2026-01-31, not '" + Identifiers.shorten(text) + "'");
    }
  }
}
