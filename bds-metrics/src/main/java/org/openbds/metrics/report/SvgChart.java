package org.openbds.metrics.report;

import static java.util.Objects.requireNonNull;
import static org.openbds.metrics.report.HtmlEscaper.escape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * A daily chart of one month as inline SVG: one band per day of the month, bars and lines sharing one value axis,
 * horizontal grid lines at round values, day numbers below, a legend above, and a tooltip ({@code <title>}) on every
 * bar and point with the exact value. Days without a value are left empty and break lines. Geometry is computed in
 * floating point (it only places pixels); every number a reader sees comes from the exact values.
 */
public final class SvgChart {
  static final int WIDTH = 720;
  static final int HEIGHT = 250;
  static final int LEFT = 64;
  static final int RIGHT = 12;
  static final int TOP = 34;
  static final int BOTTOM = 34;
  private static final String[] COLORS = {"#2563a8", "#d9731a", "#2f9a5c", "#9b3fb5", "#c23b3b"};
  private static final int TARGET_TICKS = 5;

  private final String title;
  private final YearMonth month;
  private final String axisUnit;
  private final boolean zeroBased;
  private final List<Plotted> series;
  private final Function<BigDecimal, BigDecimal> toAxis;
  private final Function<BigDecimal, String> format;

  /**
   * @param title the chart's title (also its accessible name)
   * @param month the month whose days make the horizontal axis
   * @param axisUnit the unit of the value axis, written above it
   * @param zeroBased whether the value axis includes zero
   * @param series the plotted series
   * @param toAxis converts a stored value to the axis's unit (base units to coins…)
   * @param format writes a stored value for a tooltip
   */
  public SvgChart(
      String title,
      YearMonth month,
      String axisUnit,
      boolean zeroBased,
      List<Plotted> series,
      Function<BigDecimal, BigDecimal> toAxis,
      Function<BigDecimal, String> format) {
    this.title = requireNonNull(title, "title is null");
    this.month = requireNonNull(month, "month is null");
    this.axisUnit = requireNonNull(axisUnit, "axisUnit is null");
    this.zeroBased = zeroBased;
    this.series = List.copyOf(series);
    this.toAxis = requireNonNull(toAxis, "toAxis is null");
    this.format = requireNonNull(format, "format is null");
    if (this.series.isEmpty()) {
      throw new IllegalArgumentException("a chart needs at least one series");
    }
  }

  /** One series: its label, how it is drawn and its values by day (days outside the month are ignored). */
  public record Plotted(String label, ReportPlan.Style style, NavigableMap<LocalDate, BigDecimal> values) {
    public Plotted {
      requireNonNull(label, "label is null");
      requireNonNull(style, "style is null");
      requireNonNull(values, "values is null");
    }
  }

  /** The value axis: its lowest and highest value and the round values where it has ticks. */
  record Axis(double min, double max, List<BigDecimal> ticks) {
    double y(double value) {
      double plot = HEIGHT - TOP - BOTTOM;
      return TOP + plot * (1 - (value - min) / (max - min));
    }
  }

  public String render() {
    int days = month.lengthOfMonth();
    double band = (double) (WIDTH - LEFT - RIGHT) / days;
    Axis axis = axis();
    StringBuilder svg = new StringBuilder(8192);
    svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(escape(title)).append("\">");
    svg.append("<title>").append(escape(title)).append("</title>");
    // grid lines and value labels
    for (BigDecimal tick : axis.ticks()) {
      String y = px(axis.y(tick.doubleValue()));
      svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(y).append("\" y2=\"")
          .append(y).append("\"/>");
      svg.append("<text class=\"tick y\" x=\"").append(LEFT - 6).append("\" y=\"").append(y).append("\" dy=\"0.32em\" text-anchor=\"end\">")
          .append(escape(tickLabel(tick))).append("</text>");
    }
    // the unit heads the value axis from the left edge, where a long unit has room; the legend follows it
    svg.append("<text class=\"unit\" x=\"4\" y=\"17\">").append(escape(axisUnit)).append("</text>");
    // day axis
    int bottom = HEIGHT - BOTTOM;
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(bottom).append("\" y2=\"")
        .append(bottom).append("\"/>");
    for (int day = 1; day <= days; day++) {
      String x = px(LEFT + band * (day - 0.5));
      boolean labelled = day == 1 || (day % 5 == 0 && day <= 25) || (day == days && days - 25 >= 3);
      svg.append("<line class=\"axis\" x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(bottom).append("\" y2=\"")
          .append(bottom + (labelled ? 5 : 3)).append("\"/>");
      if (labelled) {
        svg.append("<text class=\"tick x\" x=\"").append(x).append("\" y=\"").append(bottom + 17).append("\" text-anchor=\"middle\">").append(day)
            .append("</text>");
      }
    }
    svg.append("<text class=\"unit\" x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 3).append("\" text-anchor=\"end\">")
        .append(escape(month.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + month.getYear() + ", UTC days")).append("</text>");
    int bars = (int) series.stream().filter(p -> p.style() == ReportPlan.Style.BAR).count();
    int barIndex = 0;
    for (int i = 0; i < series.size(); i++) {
      Plotted p = series.get(i);
      String color = COLORS[i % COLORS.length];
      if (p.style() == ReportPlan.Style.BAR) {
        bars(svg, p, color, axis, band, bars, barIndex++);
      } else {
        line(svg, p, color, axis, band);
      }
    }
    legend(svg);
    return svg.append("</svg>").toString();
  }

  private void bars(StringBuilder svg, Plotted p, String color, Axis axis, double band, int bars, int index) {
    double slot = band * 0.76 / bars;
    double zero = axis.y(Math.max(axis.min(), Math.min(0, axis.max())));
    svg.append("<g class=\"series\" fill=\"").append(color).append("\">");
    for (Map.Entry<LocalDate, BigDecimal> e : inMonth(p.values()).entrySet()) {
      double x = LEFT + band * (e.getKey().getDayOfMonth() - 1) + band * 0.12 + slot * index;
      double y = axis.y(toAxis.apply(e.getValue()).doubleValue());
      svg.append("<rect class=\"bar mark\" x=\"").append(px(x)).append("\" y=\"").append(px(Math.min(y, zero))).append("\" width=\"")
          .append(px(slot)).append("\" height=\"").append(px(Math.abs(zero - y))).append("\"><title>")
          .append(escape(tooltip(p, e.getKey(), e.getValue()))).append("</title></rect>");
    }
    svg.append("</g>");
  }

  private void line(StringBuilder svg, Plotted p, String color, Axis axis, double band) {
    StringBuilder path = new StringBuilder();
    StringBuilder points = new StringBuilder();
    LocalDate previous = null;
    for (Map.Entry<LocalDate, BigDecimal> e : inMonth(p.values()).entrySet()) {
      String x = px(LEFT + band * (e.getKey().getDayOfMonth() - 0.5));
      String y = px(axis.y(toAxis.apply(e.getValue()).doubleValue()));
      // a day without a value breaks the line rather than bridging the gap
      boolean joined = previous != null && previous.plusDays(1).equals(e.getKey());
      path.append(path.length() == 0 ? "" : " ").append(joined ? "L" : "M").append(x).append(' ').append(y);
      points.append("<circle class=\"point mark\" cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"2.6\"><title>")
          .append(escape(tooltip(p, e.getKey(), e.getValue()))).append("</title></circle>");
      previous = e.getKey();
    }
    svg.append("<g class=\"series\">");
    if (path.length() > 0) {
      svg.append("<path class=\"line mark\" fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" d=\"").append(path).append("\"/>");
    }
    svg.append("<g fill=\"").append(color).append("\">").append(points).append("</g></g>");
  }

  private void legend(StringBuilder svg) {
    double x = Math.max(LEFT, 4 + textWidth(axisUnit) + 20);
    svg.append("<g class=\"legend\">");
    for (int i = 0; i < series.size(); i++) {
      Plotted p = series.get(i);
      String color = COLORS[i % COLORS.length];
      if (p.style() == ReportPlan.Style.BAR) {
        svg.append("<rect x=\"").append(px(x)).append("\" y=\"8\" width=\"12\" height=\"10\" fill=\"").append(color).append("\"/>");
      } else {
        svg.append("<line x1=\"").append(px(x)).append("\" x2=\"").append(px(x + 14)).append("\" y1=\"13\" y2=\"13\" stroke=\"").append(color)
            .append("\" stroke-width=\"2.5\"/>");
      }
      svg.append("<text x=\"").append(px(x + 18)).append("\" y=\"17\">").append(escape(p.label())).append("</text>");
      x += 32 + textWidth(p.label());
    }
    svg.append("</g>");
  }

  /** An estimate of a label's width at the chart's font size: SVG cannot measure text without a script. */
  private static double textWidth(String text) {
    return text.length() * 6.6;
  }

  private String tooltip(Plotted p, LocalDate day, BigDecimal value) {
    return day + " \u2014 " + p.label() + ": " + format.apply(value);
  }

  private NavigableMap<LocalDate, BigDecimal> inMonth(NavigableMap<LocalDate, BigDecimal> values) {
    return values.subMap(month.atDay(1), true, month.atEndOfMonth(), true);
  }

  /** The value axis over every plotted value: round ticks, about five of them, enclosing the data. */
  Axis axis() {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Plotted p : series) {
      for (BigDecimal v : inMonth(p.values()).values()) {
        double d = toAxis.apply(v).doubleValue();
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
    }
    if (min > max) {
      min = 0;
      max = 1;
    }
    if (zeroBased) {
      min = Math.min(min, 0);
      max = Math.max(max, 0);
    }
    if (max == min) {
      double pad = min == 0 ? 1 : Math.abs(min) * 0.05;
      max += pad;
      if (!zeroBased) {
        min -= pad;
      }
    }
    return axis(min, max);
  }

  static Axis axis(double min, double max) {
    double rough = (max - min) / TARGET_TICKS;
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double normalized = rough / magnitude;
    double factor = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10;
    BigDecimal step = new BigDecimal(Double.toString(factor)).multiply(new BigDecimal(Double.toString(magnitude))).stripTrailingZeros();
    double s = step.doubleValue();
    long low = (long) Math.floor(min / s + 1e-9);
    long high = (long) Math.ceil(max / s - 1e-9);
    List<BigDecimal> ticks = new ArrayList<>();
    for (long k = low; k <= high; k++) {
      ticks.add(step.multiply(BigDecimal.valueOf(k)));
    }
    return new Axis(low * s, high * s, ticks);
  }

  /** A tick's label: large values shortened with k, M, G, T (the exact values are in the tooltips). */
  static String tickLabel(BigDecimal tick) {
    BigDecimal abs = tick.abs();
    String[] suffixes = {"T", "G", "M", "k"};
    int[] powers = {12, 9, 6, 3};
    for (int i = 0; i < suffixes.length; i++) {
      if (abs.compareTo(BigDecimal.TEN.pow(powers[i] + 1)) >= 0) {
        BigDecimal scaled = tick.movePointLeft(powers[i]).setScale(2, RoundingMode.HALF_EVEN);
        return FigureFormatter.grouped(scaled.stripTrailingZeros().toPlainString()) + suffixes[i];
      }
    }
    return FigureFormatter.grouped(tick.signum() == 0 ? "0" : tick.stripTrailingZeros().toPlainString());
  }

  private static String px(double v) {
    return BigDecimal.valueOf(v).setScale(1, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }
}
