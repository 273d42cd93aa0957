package org.openbds.metrics.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.openbds.api.ChainId;

/** Hand-made report data for renderer tests: a Bitcoin-family chain with the values each test puts in. */
final class ReportFixture {
  static final YearMonth MONTH = YearMonth.of(2026, 10);
  static final String VERSION = "abc123def456";

  final MetricValues.Builder values = MetricValues.builder();
  final Map<String, ReportData.MetricInfo> catalog = new TreeMap<>();
  List<ReportData.Cohort> cohorts = List.of();
  Set<String> storedVersions = Set.of(VERSION);
  Map<LocalDate, Long> blocksByDay = new TreeMap<>();
  ReportData.BlockPoint first = block(0, "2026-09-01T00:00:00");
  ReportData.BlockPoint last = block(5000, "2026-11-02T08:00:00");
  Optional<ReportData.BlockId> checkpoint = Optional.of(new ReportData.BlockId(5000, hash(5000)));
  Optional<ReportData.BlockId> metricsTip = checkpoint;

  ReportFixture() {
    for (String id : List.of("BlkCnt", "TxCnt", "FeeTotNtv", "AdrActCnt", "AdrNewCnt", "TxCnt7dMean", "FeeMeanNtv", "AdrTotCnt", "AdrBalCnt")) {
      catalog.put(id, new ReportData.MetricInfo(id, id + " name", id.contains("Fee") ? "base units" : "count", "Definition of " + id + "."));
    }
    for (LocalDate d = LocalDate.of(2026, 9, 1); d.isBefore(LocalDate.of(2026, 11, 1)); d = d.plusDays(1)) {
      blocksByDay.put(d, 144L);
    }
  }

  /** Puts the same value of {@code id} on every day of {@code month}. */
  ReportFixture everyDay(String id, YearMonth month, long value) {
    for (int day = 1; day <= month.lengthOfMonth(); day++) {
      values.put(id, MetricValues.NO_INSTANCE, month.atDay(day), BigDecimal.valueOf(value));
    }
    return this;
  }

  ReportFixture put(String id, String instance, String day, String value) {
    values.put(id, instance, LocalDate.parse(day), new BigDecimal(value));
    return this;
  }

  ReportData data() {
    return data(ReportPlan.of("bitcoin", catalog.keySet(), Set.of()));
  }

  ReportData data(ReportPlan plan) {
    ReportData.Coverage coverage =
        new ReportData.Coverage(
            checkpoint, first, last, new TreeMap<>(blocksByDay), block(1000, "2026-10-01T00:05:00"), block(4000, "2026-10-31T23:55:00"), metricsTip);
    return new ReportData(
        new ChainId("ltc"), "mainnet", MONTH, new CoinUnit("LTC", "litoshi", 8), plan, Instant.parse("2026-11-24T04:00:00Z"), VERSION, catalog,
        values.build(), storedVersions, cohorts, coverage);
  }

  static ReportData.BlockPoint block(long height, String time) {
    return new ReportData.BlockPoint(height, hash(height), LocalDateTime.parse(time));
  }

  static String hash(long height) {
    return String.format("%064x", height + 1);
  }
}
