package org.openbds.metrics.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.function.Function;

/** Writes a report's values by their kind: counts, amounts in coins, bytes, seconds, rates in the metric's own unit. */
final class FigureWriter {
  private final ReportData data;

  FigureWriter(ReportData data) {
    this.data = requireNonNull(data, "data is null");
  }

  String write(ReportPlan.Kind kind, String id, BigDecimal value) {
    return switch (kind) {
      case COUNT -> FigureFormatter.count(value);
      case AMOUNT -> FigureFormatter.amount(value, data.unit());
      case BYTES -> FigureFormatter.decimal(value, 1) + " bytes";
      case SECONDS -> FigureFormatter.decimal(value, 1) + " s";
      case RATE -> (FigureFormatter.count(value) + " " + catalogUnit(id)).strip();
    };
  }

  /** The unit a chart's value axis is labelled with. */
  String axisUnit(ReportPlan.Kind kind, String id) {
    return switch (kind) {
      case COUNT, RATE -> catalogUnit(id);
      case AMOUNT -> data.unit().ticker();
      case BYTES -> "bytes";
      case SECONDS -> "seconds";
    };
  }

  /** Stored value to the unit it is plotted in. */
  Function<BigDecimal, BigDecimal> toAxis(ReportPlan.Kind kind) {
    return kind == ReportPlan.Kind.AMOUNT ? data.unit()::coins : Function.identity();
  }

  /** The catalog's unit of {@code id}, or nothing when the catalog does not define it. */
  String catalogUnit(String id) {
    ReportData.MetricInfo info = data.catalog().get(id);
    return info == null ? "" : info.unit();
  }

  /** Why {@code id} has no value in the month: not in this program's catalog, or not stored for the month. */
  String absence(String id) {
    if (!data.catalog().containsKey(id) && !data.values().has(id)) {
      return "not in this build's " + data.plan().family() + " catalog";
    }
    return "no stored values in " + ChainReportHtml.monthName(data.month());
  }
}
