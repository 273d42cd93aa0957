package org.openbds.metrics.report;

import static org.openbds.metrics.report.HtmlEscaper.escape;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The notes on what the report's numbers cover: the blocks in the warehouse, days of the month without data, partial
 * first and last days, the comparison month, metrics without values, the catalog version of the stored values and
 * whether they are current with the warehouse's blocks.
 */
final class CoverageNotes {
  /** Dates listed one by one before the rest are counted. */
  static final int LISTED_DAYS = 12;

  /** One note; a warning qualifies numbers the report shows. */
  record Note(boolean warning, String text) {}

  private final ReportData data;
  private final MetricValues month;
  private final MetricValues previous;
  private final FigureWriter writer;

  CoverageNotes(ReportData data, MetricValues month, MetricValues previous, FigureWriter writer) {
    this.data = data;
    this.month = month;
    this.previous = previous;
    this.writer = writer;
  }

  String render(Set<String> missing) {
    StringBuilder out = new StringBuilder("<section id=\"coverage\"><h2>Data coverage</h2><ul class=\"notes\">");
    for (Note n : notes(missing)) {
      out.append("<li class=\"").append(n.warning() ? "warn" : "info").append("\">").append(escape(n.text())).append("</li>");
    }
    return out.append("</ul></section>").toString();
  }

  List<Note> notes(Set<String> missing) {
    List<Note> notes = new ArrayList<>();
    ReportData.Coverage c = data.coverage();
    YearMonth m = data.month();
    String name = ChainReportHtml.monthName(m);
    LocalDate firstDay = c.first().time().toLocalDate();
    LocalDate lastDay = c.last().time().toLocalDate();
    notes.add(info("The warehouse holds " + data.chain() + " blocks " + n(c.first().height()) + " to " + n(c.last().height()) + ", from "
        + time(c.first()) + " to " + time(c.last()) + " UTC."));
    int days = m.lengthOfMonth();
    int withBlocks = daysWithBlocks(m);
    notes.add(info(name + " has blocks on " + withBlocks + " of its " + days + " days: blocks " + n(c.firstOfMonth().height()) + " to "
        + n(c.lastOfMonth().height()) + "."));
    if (YearMonth.from(firstDay).equals(m)) {
      notes.add(c.first().height() == 0
          ? info("The chain begins in this month: its first block is on " + firstDay + "; the days before have no blocks.")
          : warn("The warehouse starts at block " + n(c.first().height()) + " at " + time(c.first()) + " UTC: " + firstDay
              + " is a partial day (its earlier blocks are not in the warehouse) and the days before it have no data."));
    }
    if (YearMonth.from(lastDay).equals(m)) {
      notes.add(warn("The warehouse ends at block " + n(c.last().height()) + " at " + time(c.last()) + " UTC: " + lastDay
          + " may be a partial day and the days after it have no data yet, so the month's figures cover part of the month."));
    }
    List<LocalDate> empty = new ArrayList<>();
    LocalDate from = firstDay.isAfter(m.atDay(1)) ? firstDay : m.atDay(1);
    LocalDate to = lastDay.isBefore(m.atEndOfMonth()) ? lastDay : m.atEndOfMonth();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      if (!c.blocksByDay().containsKey(d)) {
        empty.add(d);
      }
    }
    if (!empty.isEmpty()) {
      notes.add(warn("No blocks on " + empty.size() + (empty.size() == 1 ? " day" : " days") + " within the warehouse's range: " + dates(empty)
          + ". Daily flows are absent on those days, not zero; means are over the days with data."));
    }
    comparison(notes);
    missing(notes, missing);
    catalog(notes);
    currency(notes);
    notes.add(info("Days are UTC calendar days. A block belongs to the day of its own header time, even when that time is earlier than its "
        + "parent's (block times are not strictly increasing)."));
    return notes;
  }

  private void comparison(List<Note> notes) {
    YearMonth before = data.month().minusMonths(1);
    String name = ChainReportHtml.monthName(before);
    int withBlocks = daysWithBlocks(before);
    if (withBlocks == 0) {
      notes.add(warn(name + " has no blocks in the warehouse: the key figures show no change."));
    } else if (withBlocks < before.lengthOfMonth()) {
      notes.add(warn("Changes compare with " + name + ", which has blocks on only " + withBlocks + " of its " + before.lengthOfMonth()
          + " days in the warehouse: sums compare unequal periods."));
    }
    if (withBlocks > 0 && previous.daily(ReportPlan.BLOCKS).isEmpty() && month.has(ReportPlan.BLOCKS)) {
      notes.add(warn(name + " has blocks but no stored metric values."));
    }
  }

  private void missing(List<Note> notes, Set<String> missing) {
    Map<String, List<String>> byReason = new TreeMap<>();
    for (String id : missing) {
      byReason.computeIfAbsent(writer.absence(id), k -> new ArrayList<>()).add(id);
    }
    byReason.forEach((reason, ids) -> notes.add(warn("Left out, " + reason + ": " + String.join(", ", ids) + ".")));
  }

  private void catalog(List<Note> notes) {
    Set<String> stored = data.storedVersions();
    if (stored.isEmpty()) {
      notes.add(warn("No metric values are stored for " + ChainReportHtml.monthName(data.month()) + "."));
    } else if (stored.size() == 1 && stored.contains(data.catalogVersion())) {
      notes.add(info("The month's values were computed with catalog version " + data.catalogVersion() + ", this program's catalog."));
    } else {
      notes.add(warn("The month's stored values were computed with catalog version" + (stored.size() == 1 ? " " : "s ")
          + String.join(", ", new TreeSet<>(stored)) + "; this program's catalog is "
          + data.catalogVersion() + ". Values of another version may follow other definitions."));
    }
  }

  private void currency(List<Note> notes) {
    ReportData.Coverage c = data.coverage();
    if (c.metricsTip().isEmpty()) {
      notes.add(warn("No metric values have been computed for " + data.chain() + " yet."));
      return;
    }
    ReportData.BlockId computed = c.metricsTip().get();
    if (c.checkpoint().isEmpty()) {
      notes.add(warn("The chain has no checkpoint; the stored values were computed over the blocks up to " + n(computed.height()) + "."));
    } else if (computed.sameAs(c.checkpoint().get())) {
      notes.add(info("The stored values are current: computed over the blocks up to " + n(computed.height()) + " (" + computed.hash()
          + "), the chain's checkpoint."));
    } else if (computed.height() < c.checkpoint().get().height()) {
      long behind = c.checkpoint().get().height() - computed.height();
      notes.add(warn("The stored values are behind the warehouse: computed over the blocks up to " + n(computed.height()) + ", while the checkpoint is at "
          + n(c.checkpoint().get().height()) + " (" + n(behind) + (behind == 1 ? " block" : " blocks") + " not counted)."));
    } else {
      notes.add(warn("The stored values were computed over block " + n(computed.height()) + " (" + computed.hash() + "), but the checkpoint is block "
          + n(c.checkpoint().get().height()) + " (" + c.checkpoint().get().hash() + "): blocks were replaced since, as after a reorganisation."));
    }
  }

  private int daysWithBlocks(YearMonth m) {
    return data.coverage().blocksByDay().subMap(m.atDay(1), true, m.atEndOfMonth(), true).size();
  }

  private static String dates(List<LocalDate> days) {
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < Math.min(LISTED_DAYS, days.size()); i++) {
      listed.add(days.get(i).toString());
    }
    String text = String.join(", ", listed);
    return days.size() > LISTED_DAYS ? text + " and " + (days.size() - LISTED_DAYS) + " more" : text;
  }

  private static String time(ReportData.BlockPoint b) {
    return ChainReportHtml.TIME.format(b.time());
  }

  private static String n(long v) {
    return FigureFormatter.grouped(Long.toString(v));
  }

  private static Note info(String text) {
    return new Note(false, text);
  }

  private static Note warn(String text) {
    return new Note(true, text);
  }
}
