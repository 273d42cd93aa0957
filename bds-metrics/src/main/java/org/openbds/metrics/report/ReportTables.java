package org.openbds.metrics.report;

import static org.openbds.metrics.report.HtmlEscaper.escape;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The report's tables: mining pools, busiest days, fee-rate percentiles and the retention heat map. */
final class ReportTables {
  static final int TOP_POOLS = 10;
  static final int TOP_DAYS = 5;
  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final ReportData data;
  private final MetricValues month;
  private final FigureWriter writer;
  private final Set<String> missing;
  private final Set<String> shown;

  ReportTables(ReportData data, MetricValues month, FigureWriter writer, Set<String> missing, Set<String> shown) {
    this.data = data;
    this.month = month;
    this.writer = writer;
    this.missing = missing;
    this.shown = shown;
  }

  void pools(StringBuilder out) {
    out.append("<section id=\"pools\"><h2>Mining pools</h2>");
    Map<String, NavigableMap<LocalDate, BigDecimal>> pools = month.instances(ReportPlan.POOL_BLOCKS);
    if (pools.isEmpty()) {
      missing.add(ReportPlan.POOL_BLOCKS);
      absent(out, "No pool attribution: " + ReportPlan.POOL_BLOCKS + " \u2014 " + writer.absence(ReportPlan.POOL_BLOCKS) + ".");
      out.append("</section>");
      return;
    }
    shown.add(ReportPlan.POOL_BLOCKS);
    List<Map.Entry<String, BigDecimal>> totals = new ArrayList<>();
    BigDecimal attributed = BigDecimal.ZERO;
    for (Map.Entry<String, NavigableMap<LocalDate, BigDecimal>> e : pools.entrySet()) {
      BigDecimal sum = e.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      totals.add(Map.entry(e.getKey(), sum));
      attributed = attributed.add(sum);
    }
    totals.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    BigDecimal all = month.sum(ReportPlan.BLOCKS).filter(b -> b.compareTo(BigDecimal.ZERO) > 0).orElse(attributed);
    out.append("<p class=\"lead\">Blocks of the month by the pool that mined them, and their share of all ")
        .append(escape(FigureFormatter.count(all))).append(" blocks.</p>");
    out.append("<table class=\"pools\"><thead><tr><th>pool</th><th class=\"num\">blocks</th><th class=\"num\">share</th><th></th></tr></thead><tbody>");
    BigDecimal others = BigDecimal.ZERO;
    for (int i = 0; i < totals.size(); i++) {
      if (i < TOP_POOLS) {
        poolRow(out, totals.get(i).getKey(), totals.get(i).getValue(), all, "pool");
      } else {
        others = others.add(totals.get(i).getValue());
      }
    }
    if (totals.size() > TOP_POOLS) {
      poolRow(out, "other pools (" + (totals.size() - TOP_POOLS) + ")", others, all, "rest");
    }
    if (all.compareTo(attributed) > 0) {
      poolRow(out, "not attributed to a pool", all.subtract(attributed), all, "rest");
    }
    out.append("</tbody></table></section>");
  }

  private static void poolRow(StringBuilder out, String name, BigDecimal blocks, BigDecimal all, String kind) {
    BigDecimal share = blocks.multiply(HUNDRED).divide(all, 4, RoundingMode.HALF_EVEN);
    out.append("<tr class=\"").append(kind).append("\"><td>").append(escape(name)).append("</td><td class=\"num\">")
        .append(escape(FigureFormatter.count(blocks))).append("</td><td class=\"num\">").append(escape(FigureFormatter.percent(share)))
        .append("</td><td class=\"share\"><span style=\"width:").append(share.min(HUNDRED).setScale(1, RoundingMode.HALF_EVEN).toPlainString())
        .append("%\"></span></td></tr>");
  }

  void topDays(StringBuilder out) {
    out.append("<section id=\"top-days\"><h2>Busiest days</h2>");
    List<ReportPlan.Column> columns = data.plan().topDays().stream().filter(c -> month.has(c.id())).toList();
    ReportPlan.Column order = data.plan().topDays().get(0);
    if (!month.has(order.id())) {
      missing.add(order.id());
      absent(out, "No daily " + order.label() + ": " + order.id() + " \u2014 " + writer.absence(order.id()) + ".");
      out.append("</section>");
      return;
    }
    List<Map.Entry<LocalDate, BigDecimal>> days = new ArrayList<>(month.daily(order.id()).entrySet());
    days.sort(Map.Entry.<LocalDate, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    out.append("<p class=\"lead\">The ").append(TOP_DAYS).append(" days with the most ").append(escape(order.label())).append(".</p>");
    out.append("<table class=\"top-days\"><thead><tr><th>day (UTC)</th>");
    for (ReportPlan.Column c : columns) {
      shown.add(c.id());
      out.append("<th class=\"num\">").append(escape(c.label())).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (Map.Entry<LocalDate, BigDecimal> day : days.subList(0, Math.min(TOP_DAYS, days.size()))) {
      out.append("<tr><td>").append(day.getKey()).append("</td>");
      for (ReportPlan.Column c : columns) {
        BigDecimal v = month.daily(c.id()).get(day.getKey());
        out.append("<td class=\"num\">").append(v == null ? "" : escape(writer.write(c.kind(), c.id(), v))).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table></section>");
  }

  void feeRates(StringBuilder out) {
    out.append("<section id=\"fee-rates\"><h2>Fee rates</h2>");
    Optional<String> id = data.plan().feeRate();
    if (id.isEmpty() || month.instances(id.get()).isEmpty()) {
      String name = id.orElse("fee-rate percentiles");
      missing.add(name);
      absent(out, "No fee-rate percentiles: " + name + " \u2014 " + writer.absence(name) + ".");
      out.append("</section>");
      return;
    }
    shown.add(id.get());
    List<String> instances = new ArrayList<>(month.instances(id.get()).keySet());
    instances.sort(Comparator.comparing(ReportTables::numericPart).thenComparing(Comparator.naturalOrder()));
    out.append("<p class=\"lead\">").append(escape(id.get())).append(" over the month's days: the lowest, median and highest daily value of each ")
        .append("percentile, and the last day's (").append(escape(writer.catalogUnit(id.get()))).append(").</p>");
    out.append("<table class=\"fee-rates\"><thead><tr><th>percentile</th><th class=\"num\">lowest day</th><th class=\"num\">median day</th>")
        .append("<th class=\"num\">highest day</th><th class=\"num\">last day</th></tr></thead><tbody>");
    for (String instance : instances) {
      NavigableMap<LocalDate, BigDecimal> days = month.instance(id.get(), instance);
      List<BigDecimal> sorted = days.values().stream().sorted().toList();
      BigDecimal median =
          sorted.size() % 2 == 1
              ? sorted.get(sorted.size() / 2)
              : sorted.get(sorted.size() / 2 - 1).add(sorted.get(sorted.size() / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL128);
      out.append("<tr><td>").append(escape(instance)).append("</td>");
      for (BigDecimal v : List.of(sorted.get(0), median, sorted.get(sorted.size() - 1), days.lastEntry().getValue())) {
        out.append("<td class=\"num\">").append(escape(FigureFormatter.count(v))).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table></section>");
  }

  private static BigDecimal numericPart(String instance) {
    Matcher m = NUMBER.matcher(instance);
    return m.find() ? new BigDecimal(m.group()) : BigDecimal.valueOf(Long.MAX_VALUE);
  }

  void cohorts(StringBuilder out) {
    out.append("<section id=\"cohorts\"><h2>Address retention by monthly cohort</h2>");
    List<ReportData.Cohort> cohorts = data.cohorts();
    if (cohorts.isEmpty()) {
      if (!month.has(ReportPlan.RETENTION)) {
        missing.add(ReportPlan.RETENTION);
      }
      absent(out, "No retention cohorts: " + ReportPlan.RETENTION + " \u2014 "
          + (month.has(ReportPlan.RETENTION) ? "no cohort of the twelve months before has a value yet" : writer.absence(ReportPlan.RETENTION)) + ".");
      out.append("</section>");
      return;
    }
    shown.add(ReportPlan.RETENTION);
    int maxAge = cohorts.stream().mapToInt(c -> c.retention().isEmpty() ? 0 : c.retention().lastKey()).max().orElse(0);
    out.append("<p class=\"lead\">Each row is the addresses first seen in one month; each cell the percentage of them active in a later month, ")
        .append("as of that month's last day with data (").append(escape(ReportPlan.RETENTION)).append(").</p>");
    out.append("<table class=\"cohorts\"><thead><tr><th>cohort</th><th class=\"num\">new addresses</th>");
    for (int age = 1; age <= maxAge; age++) {
      out.append("<th class=\"num\" title=\"months after the cohort's month\">+").append(age).append("</th>");
    }
    out.append("</tr></thead><tbody>");
    for (ReportData.Cohort c : cohorts) {
      out.append("<tr><th>").append(c.month()).append("</th><td class=\"num\">")
          .append(c.addresses().map(a -> escape(FigureFormatter.count(a))).orElse("")).append("</td>");
      for (int age = 1; age <= maxAge; age++) {
        BigDecimal v = c.retention().get(age);
        YearMonth at = c.month().plusMonths(age);
        if (v == null) {
          out.append("<td class=\"heat none\"></td>");
          continue;
        }
        String text = FigureFormatter.percent(v);
        out.append("<td class=\"heat\" style=\"").append(heat(v)).append("\" title=\"").append(escape(c.month() + " cohort, active in " + at + ": " + text))
            .append("\">").append(escape(text)).append("</td>");
      }
      out.append("</tr>");
    }
    out.append("</tbody></table></section>");
  }

  /** A cell's colours: from a pale to a deep blue as the percentage goes from 0 to 100. */
  static String heat(BigDecimal percent) {
    double t = Math.max(0, Math.min(1, percent.doubleValue() / 100));
    int r = (int) Math.round(241 + (31 - 241) * t);
    int g = (int) Math.round(245 + (95 - 245) * t);
    int b = (int) Math.round(251 + (168 - 251) * t);
    return "background:rgb(" + r + "," + g + "," + b + ");color:" + (t > 0.55 ? "#fff" : "#1c2733");
  }

  private static void absent(StringBuilder out, String text) {
    out.append("<p class=\"absent\">").append(escape(text)).append(" See <a href=\"#coverage\">data coverage</a>.</p>");
  }
}
