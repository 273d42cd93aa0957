package org.openbds.metrics.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Stored metric values as a report reads them: by metric id, instance ({@code ""} for a metric without instances, a
 * pool name, a cohort month…) and UTC day. Immutable once built.
 */
public final class MetricValues {
  /** The instance of a metric that has none. */
  public static final String NO_INSTANCE = "";

  private final Map<String, Map<String, NavigableMap<LocalDate, BigDecimal>>> values;

  private MetricValues(Map<String, Map<String, NavigableMap<LocalDate, BigDecimal>>> values) {
    this.values = values;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code id} has any value (of any instance). */
  public boolean has(String id) {
    return values.containsKey(id);
  }

  /** The daily values of a metric without instances, by day; empty when there are none. */
  public NavigableMap<LocalDate, BigDecimal> daily(String id) {
    return instance(id, NO_INSTANCE);
  }

  public NavigableMap<LocalDate, BigDecimal> instance(String id, String instance) {
    NavigableMap<LocalDate, BigDecimal> days = values.getOrDefault(id, Map.of()).get(instance);
    return days == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(days);
  }

  /** Every instance of {@code id} with its daily values, instances in name order. */
  public Map<String, NavigableMap<LocalDate, BigDecimal>> instances(String id) {
    return Collections.unmodifiableMap(values.getOrDefault(id, Map.of()));
  }

  /** The values from {@code from} to {@code to} inclusive. */
  public MetricValues between(LocalDate from, LocalDate to) {
    Builder b = builder();
    values.forEach(
        (id, instances) ->
            instances.forEach((instance, days) -> days.subMap(from, true, to, true).forEach((day, v) -> b.put(id, instance, day, v))));
    return b.build();
  }

  /** Sum of the daily values of {@code id} (no instance); empty when it has none. */
  public Optional<BigDecimal> sum(String id) {
    NavigableMap<LocalDate, BigDecimal> days = daily(id);
    return days.isEmpty() ? Optional.empty() : Optional.of(days.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /** Mean of the daily values over the days that have one. */
  public Optional<BigDecimal> mean(String id) {
    NavigableMap<LocalDate, BigDecimal> days = daily(id);
    return sum(id).map(s -> s.divide(BigDecimal.valueOf(days.size()), MathContext.DECIMAL128));
  }

  /** The value of the last day that has one: a state at the end of the period. */
  public Optional<BigDecimal> last(String id) {
    NavigableMap<LocalDate, BigDecimal> days = daily(id);
    return days.isEmpty() ? Optional.empty() : Optional.of(days.lastEntry().getValue());
  }

  /**
   * Accumulates values. The metrics table holds one value per day, metric and instance; a second one (rows written by
   * hand beside the engine's) is refused, as the report could not tell which to show.
   */
  public static final class Builder {
    private final Map<String, Map<String, NavigableMap<LocalDate, BigDecimal>>> values = new TreeMap<>();

    public Builder put(String id, String instance, LocalDate day, BigDecimal value) {
      BigDecimal old = values.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(instance, k -> new TreeMap<>()).put(day, value);
      if (old != null) {
        throw new BdsException(ErrorCode.WAREHOUSE_FAILURE, "the metrics table holds two values of " + id + " [" + instance + "] on " + day);
      }
      return this;
    }

    public MetricValues build() {
      Map<String, Map<String, NavigableMap<LocalDate, BigDecimal>>> copy = new TreeMap<>();
      values.forEach((id, instances) -> {
        Map<String, NavigableMap<LocalDate, BigDecimal>> i = new TreeMap<>();
        instances.forEach((name, days) -> i.put(name, new TreeMap<>(days)));
        copy.put(id, i);
      });
      return new MetricValues(copy);
    }
  }
}
