package org.openbds.metrics.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * What the report of a chain family shows, as data: the key figures, the daily charts and the metric ids behind the
 * tables. Every item names the metrics it reads; an item whose metrics have no values is left out of the report with a
 * coverage note, so a report of a catalog that lacks a metric still renders.
 *
 * @param family chain family ({@code bitcoin}, {@code ethereum})
 * @param decimals base units per coin as a power of ten
 * @param blockTimes a query listing the family's blocks as {@code height, hash, time}; {@code {schema}} is the chain
 * @param figures the key figures, in display order
 * @param charts the daily charts, in display order
 * @param topDays the columns of the busiest-days table; the first orders it
 * @param feeRate the catalog's fee-rate percentiles (an instanced metric), if the catalog has one
 * @param burntFees the catalog's burnt-fee metric, if the family burns fees and the catalog has one
 */
public record ReportPlan(
    String family,
    int decimals,
    String blockTimes,
    List<KeyFigure> figures,
    List<ChartPlan> charts,
    List<Column> topDays,
    Optional<String> feeRate,
    Optional<String> burntFees) {
  /** Blocks per pool per day; the instance is the pool's name. */
  public static final String POOL_BLOCKS = "BlkCntByPool";
  /** Retention of monthly address cohorts, in percent; the instance is the cohort month {@code YYYY-MM}. */
  public static final String RETENTION = "AdrRetPct";
  public static final String BLOCKS = "BlkCnt";
  public static final String NEW_ADDRESSES = "AdrNewCnt";

  /** Ids of fee-rate percentile metrics: fee per byte or per virtual byte, gas price. */
  private static final Pattern FEE_RATE = Pattern.compile("(?i)^(FeeRate|FeeByte|FeeVByte|GasPrice).*");
  private static final Pattern BURNT = Pattern.compile("(?i).*burn.*");

  public ReportPlan {
    requireNonNull(family, "family is null");
    requireNonNull(blockTimes, "blockTimes is null");
    figures = List.copyOf(figures);
    charts = List.copyOf(charts);
    topDays = List.copyOf(topDays);
    requireNonNull(feeRate, "feeRate is null");
    requireNonNull(burntFees, "burntFees is null");
  }

  /** How a value is written. */
  public enum Kind {
    COUNT,
    /** Base units, written in coins. */
    AMOUNT,
    BYTES,
    SECONDS,
    /** A rate in the metric's own unit (wei per gas, base units per virtual byte), written as a plain number. */
    RATE
  }

  /** How a month's daily values make one figure. */
  public enum Aggregation {
    /** The month's total of a daily flow. */
    SUM,
    /** The mean over the days that have a value. */
    MEAN,
    /** The value of the month's last day with a value: a state at month end. */
    LAST,
    /** The month's total of {@code id} divided by that of {@code other}. */
    RATIO,
    /** The mean of the daily values weighted by {@code other}'s daily values (a per-block mean weighted by blocks). */
    WEIGHTED
  }

  public enum Style {
    BAR,
    LINE
  }

  /** A key figure: a label, the metric it reads and how a month of it becomes one number. */
  public record KeyFigure(String label, String id, Aggregation aggregation, Optional<String> other, Kind kind) {
    public KeyFigure {
      requireNonNull(label, "label is null");
      requireNonNull(id, "id is null");
      requireNonNull(aggregation, "aggregation is null");
      requireNonNull(other, "other is null");
      requireNonNull(kind, "kind is null");
      if ((aggregation == Aggregation.RATIO || aggregation == Aggregation.WEIGHTED) != other.isPresent()) {
        throw new IllegalArgumentException(label + ": a ratio or weighted mean names a second metric, other aggregations none");
      }
    }

    /** The metrics this figure reads. */
    public List<String> ids() {
      return other.map(o -> List.of(id, o)).orElse(List.of(id));
    }

    /** The figure over {@code values} (one month), or empty when a metric it needs has no value. */
    public Optional<BigDecimal> value(MetricValues values) {
      return switch (aggregation) {
        case SUM -> values.sum(id);
        case MEAN -> values.mean(id);
        case LAST -> values.last(id);
        case RATIO -> {
          Optional<BigDecimal> denominator = values.sum(other.orElseThrow()).filter(d -> d.signum() != 0);
          yield values.sum(id).flatMap(n -> denominator.map(d -> n.divide(d, MathContext.DECIMAL128)));
        }
        case WEIGHTED -> weighted(values.daily(id), values.daily(other.orElseThrow()));
      };
    }

    private static Optional<BigDecimal> weighted(NavigableMap<LocalDate, BigDecimal> v, NavigableMap<LocalDate, BigDecimal> w) {
      BigDecimal sum = BigDecimal.ZERO;
      BigDecimal weights = BigDecimal.ZERO;
      for (Map.Entry<LocalDate, BigDecimal> e : v.entrySet()) {
        BigDecimal weight = w.get(e.getKey());
        if (weight != null) {
          sum = sum.add(e.getValue().multiply(weight));
          weights = weights.add(weight);
        }
      }
      return weights.signum() == 0 ? Optional.empty() : Optional.of(sum.divide(weights, MathContext.DECIMAL128));
    }
  }

  /** One plotted metric of a chart. */
  public record Series(String id, String label, Style style) {
    public Series {
      requireNonNull(id, "id is null");
      requireNonNull(label, "label is null");
      requireNonNull(style, "style is null");
    }
  }

  /**
   * A daily chart of one or more metrics sharing a unit.
   *
   * @param zeroBased whether the value axis starts at zero (counts, flows) or at the data's minimum (a supply)
   */
  public record ChartPlan(String title, Kind kind, boolean zeroBased, List<Series> series) {
    public ChartPlan {
      requireNonNull(title, "title is null");
      requireNonNull(kind, "kind is null");
      series = List.copyOf(series);
    }
  }

  /** A column of a table: the metric, its heading and how its values are written. */
  public record Column(String id, String label, Kind kind) {}

  /** Every metric id the plan reads, in order of first mention. */
  public List<String> ids() {
    Set<String> ids = new LinkedHashSet<>();
    figures.forEach(f -> ids.addAll(f.ids()));
    charts.forEach(c -> c.series().forEach(s -> ids.add(s.id())));
    topDays.forEach(c -> ids.add(c.id()));
    ids.add(POOL_BLOCKS);
    ids.add(RETENTION);
    feeRate.ifPresent(ids::add);
    burntFees.ifPresent(ids::add);
    return List.copyOf(ids);
  }

  /**
   * The plan of {@code family}, with the catalog-dependent items (fee-rate percentiles, burnt fees) resolved against
   * the ids of its catalog: {@code instancedIds} are the catalog's metrics whose values carry instances.
   */
  public static ReportPlan of(String family, Set<String> catalogIds, Set<String> instancedIds) {
    Optional<String> feeRate = instancedIds.stream().filter(id -> FEE_RATE.matcher(id).matches()).sorted().findFirst();
    return switch (family) {
      case "bitcoin" -> bitcoin(feeRate);
      case "ethereum" -> ethereum(feeRate, catalogIds.stream().filter(id -> BURNT.matcher(id).matches()).sorted().findFirst());
      default -> throw new BdsException(ErrorCode.INVALID_ARGUMENT, "no report for the chain family '" + family + "'");
    };
  }

  private static ReportPlan bitcoin(Optional<String> feeRate) {
    List<KeyFigure> figures = new ArrayList<>(commonFigures());
    figures.add(last("Unspent outputs at month end", "UTXOCnt", Kind.COUNT));
    List<ChartPlan> charts = new ArrayList<>(commonCharts());
    return new ReportPlan(
        "bitcoin", 8, "SELECT height, hash, time FROM {schema}.blocks", figures, charts, busiestDayColumns(), feeRate, Optional.empty());
  }

  private static ReportPlan ethereum(Optional<String> feeRate, Optional<String> burnt) {
    List<KeyFigure> figures = new ArrayList<>(commonFigures());
    figures.add(sum("Gas used", "GasUsedTot", Kind.COUNT));
    figures.add(new KeyFigure("Mean base fee per gas", "GasBaseBlkMean", Aggregation.WEIGHTED, Optional.of(BLOCKS), Kind.RATE));
    burnt.ifPresent(id -> figures.add(sum("Fees burnt", id, Kind.AMOUNT)));
    figures.add(sum("ERC-20 transfers", "TxTfrERC20Cnt", Kind.COUNT));
    List<ChartPlan> charts = new ArrayList<>(commonCharts());
    charts.add(chart("Gas used per day", Kind.COUNT, true, bar("GasUsedTot", "gas used")));
    charts.add(chart("Mean base fee per gas", Kind.RATE, true, line("GasBaseBlkMean", "base fee per gas")));
    burnt.ifPresent(id -> charts.add(chart("Fees burnt per day", Kind.AMOUNT, true, bar(id, "fees burnt"))));
    charts.add(chart("ERC-20 transfers per day", Kind.COUNT, true, bar("TxTfrERC20Cnt", "ERC-20 transfers")));
    return new ReportPlan(
        "ethereum", 18, "SELECT number AS height, hash, \"timestamp\" AS time FROM {schema}.blocks", figures, charts, busiestDayColumns(), feeRate,
        burnt);
  }

  private static List<KeyFigure> commonFigures() {
    return List.of(
        sum("Blocks", BLOCKS, Kind.COUNT),
        new KeyFigure("Mean block interval", "BlkIntMean", Aggregation.WEIGHTED, Optional.of(BLOCKS), Kind.SECONDS),
        new KeyFigure("Mean block size", "BlkSizeMeanByte", Aggregation.WEIGHTED, Optional.of(BLOCKS), Kind.BYTES),
        sum("Transactions", "TxCnt", Kind.COUNT),
        new KeyFigure("Active addresses, daily mean", "AdrActCnt", Aggregation.MEAN, Optional.empty(), Kind.COUNT),
        last("Active addresses in the 30 days to month end", "AdrAct30dCnt", Kind.COUNT),
        sum("New addresses", NEW_ADDRESSES, Kind.COUNT),
        last("Addresses seen by month end", "AdrTotCnt", Kind.COUNT),
        last("Addresses with a balance at month end", "AdrBalCnt", Kind.COUNT),
        sum("Value transferred", "TxTfrValNtv", Kind.AMOUNT),
        sum("Fees", "FeeTotNtv", Kind.AMOUNT),
        new KeyFigure("Mean fee per transaction", "FeeTotNtv", Aggregation.RATIO, Optional.of("TxCnt"), Kind.AMOUNT),
        sum("Issuance", "IssTotNtv", Kind.AMOUNT),
        sum("Miner revenue", "RevNtv", Kind.AMOUNT),
        last("Supply at month end", "SplyCur", Kind.AMOUNT));
  }

  private static List<ChartPlan> commonCharts() {
    return List.of(
        chart("Transactions per day", Kind.COUNT, true, bar("TxCnt", "transactions"), line("TxCnt7dMean", "7-day mean")),
        chart(
            "Active addresses", Kind.COUNT, true, line("AdrActCnt", "active in the day"), line("AdrAct7dCnt", "active in 7 days"),
            line("AdrAct30dCnt", "active in 30 days")),
        chart("New addresses per day", Kind.COUNT, true, bar(NEW_ADDRESSES, "new addresses")),
        chart("Fees per day", Kind.AMOUNT, true, bar("FeeTotNtv", "fees")),
        chart("Fee per transaction", Kind.AMOUNT, true, line("FeeMeanNtv", "mean"), line("FeeMedNtv", "median")),
        chart("Blocks per day", Kind.COUNT, true, bar(BLOCKS, "blocks")),
        chart("Mean block interval", Kind.SECONDS, true, line("BlkIntMean", "mean interval")),
        chart("Mean block size", Kind.BYTES, true, line("BlkSizeMeanByte", "mean size")),
        chart("Issuance per day", Kind.AMOUNT, true, bar("IssTotNtv", "issuance")),
        chart("Supply", Kind.AMOUNT, false, line("SplyCur", "supply at end of day")));
  }

  private static List<Column> busiestDayColumns() {
    return List.of(
        new Column("TxCnt", "transactions", Kind.COUNT),
        new Column(BLOCKS, "blocks", Kind.COUNT),
        new Column("AdrActCnt", "active addresses", Kind.COUNT),
        new Column(NEW_ADDRESSES, "new addresses", Kind.COUNT),
        new Column("FeeTotNtv", "fees", Kind.AMOUNT));
  }

  private static KeyFigure sum(String label, String id, Kind kind) {
    return new KeyFigure(label, id, Aggregation.SUM, Optional.empty(), kind);
  }

  private static KeyFigure last(String label, String id, Kind kind) {
    return new KeyFigure(label, id, Aggregation.LAST, Optional.empty(), kind);
  }

  private static ChartPlan chart(String title, Kind kind, boolean zeroBased, Series... series) {
    return new ChartPlan(title, kind, zeroBased, List.of(series));
  }

  private static Series bar(String id, String label) {
    return new Series(id, label, Style.BAR);
  }

  private static Series line(String id, String label) {
    return new Series(id, label, Style.LINE);
  }
}
