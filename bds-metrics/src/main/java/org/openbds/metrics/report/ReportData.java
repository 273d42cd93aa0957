package org.openbds.metrics.report;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.openbds.api.ChainId;

/**
 * Everything the operating report of one chain for one calendar month (UTC) shows, read from the warehouse: the
 * stored metric values of the month and of the month before, the retention cohorts, and the facts behind the coverage
 * notes. Rendering needs nothing else, so a report can be rendered from hand-made data in tests.
 *
 * @param chain the chain
 * @param network the network its warehouse schema was created for
 * @param month the calendar month reported
 * @param unit the chain's coin
 * @param plan what the report shows
 * @param generatedAt when the data was read
 * @param catalogVersion the version of the catalog this program carries
 * @param catalog the family's catalog: the metrics this program can compute, by id
 * @param values stored values from the first day of the month before to the last day of the month
 * @param storedVersions the catalog versions the month's stored values were computed with
 * @param cohorts the monthly address cohorts of the twelve months before, oldest first
 * @param coverage what the warehouse and the stored values cover
 */
public record ReportData(
    ChainId chain,
    String network,
    YearMonth month,
    CoinUnit unit,
    ReportPlan plan,
    Instant generatedAt,
    String catalogVersion,
    Map<String, MetricInfo> catalog,
    MetricValues values,
    Set<String> storedVersions,
    List<Cohort> cohorts,
    Coverage coverage) {
  public ReportData {
    requireNonNull(chain, "chain is null");
    requireNonNull(network, "network is null");
    requireNonNull(month, "month is null");
    requireNonNull(unit, "unit is null");
    requireNonNull(plan, "plan is null");
    requireNonNull(generatedAt, "generatedAt is null");
    requireNonNull(catalogVersion, "catalogVersion is null");
    catalog = Collections.unmodifiableMap(new TreeMap<>(catalog));
    requireNonNull(values, "values is null");
    storedVersions = Set.copyOf(storedVersions);
    cohorts = List.copyOf(cohorts);
    requireNonNull(coverage, "coverage is null");
  }

  /** The stored values of the reported month. */
  public MetricValues monthValues() {
    return values.between(month.atDay(1), month.atEndOfMonth());
  }

  /** The stored values of the month before, which the key figures compare with. */
  public MetricValues previousValues() {
    YearMonth previous = month.minusMonths(1);
    return values.between(previous.atDay(1), previous.atEndOfMonth());
  }

  /** What the catalog says of a metric. */
  public record MetricInfo(String id, String name, String unit, String definition) {
    public MetricInfo {
      requireNonNull(id, "id is null");
      requireNonNull(name, "name is null");
      requireNonNull(unit, "unit is null");
      requireNonNull(definition, "definition is null");
    }
  }

  /** A block: its height, hash and header time (UTC). */
  public record BlockPoint(long height, String hash, LocalDateTime time) {
    public BlockPoint {
      requireNonNull(hash, "hash is null");
      requireNonNull(time, "time is null");
    }
  }

  /** A block named by height and hash only. */
  public record BlockId(long height, String hash) {
    public BlockId {
      requireNonNull(hash, "hash is null");
    }

    /** Whether both name the same block; hashes compare without case and without a {@code 0x} prefix. */
    public boolean sameAs(BlockId other) {
      return height == other.height && bare(hash).equalsIgnoreCase(bare(other.hash));
    }

    private static String bare(String hash) {
      return hash.startsWith("0x") || hash.startsWith("0X") ? hash.substring(2) : hash;
    }
  }

  /**
   * The addresses first seen in one month and the share of them active in each later month.
   *
   * @param month the cohort's month
   * @param addresses how many addresses were first seen in it (the sum of its new addresses), if known
   * @param retention by months after the cohort's (1 = the next month): the percentage of the cohort active in that
   *     month, as of the month's last day with data
   */
  public record Cohort(YearMonth month, Optional<BigDecimal> addresses, NavigableMap<Integer, BigDecimal> retention) {
    public Cohort {
      requireNonNull(month, "month is null");
      requireNonNull(addresses, "addresses is null");
      retention = Collections.unmodifiableNavigableMap(new TreeMap<>(retention));
    }
  }

  /**
   * What the warehouse holds and what the stored values were computed over.
   *
   * @param checkpoint the chain's checkpoint (its last applied block), if any
   * @param first the warehouse's lowest block
   * @param last the warehouse's highest block
   * @param blocksByDay blocks per UTC day from the first day of the month before to the last day of the month; days
   *     without blocks are absent
   * @param firstOfMonth the month's first block
   * @param lastOfMonth the month's last block
   * @param metricsTip the highest block the stored metric values were computed over, if they were computed at all
   */
  public record Coverage(
      Optional<BlockId> checkpoint,
      BlockPoint first,
      BlockPoint last,
      NavigableMap<LocalDate, Long> blocksByDay,
      BlockPoint firstOfMonth,
      BlockPoint lastOfMonth,
      Optional<BlockId> metricsTip) {
    public Coverage {
      requireNonNull(checkpoint, "checkpoint is null");
      requireNonNull(first, "first is null");
      requireNonNull(last, "last is null");
      blocksByDay = Collections.unmodifiableNavigableMap(new TreeMap<>(blocksByDay));
      requireNonNull(firstOfMonth, "firstOfMonth is null");
      requireNonNull(lastOfMonth, "lastOfMonth is null");
      requireNonNull(metricsTip, "metricsTip is null");
    }
  }
}
