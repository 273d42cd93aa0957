package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.openbds.api.ChainId;
import org.openbds.api.QueryResult;

/** Checks hand-worked expectations against the values the engine stored. */
final class MetricAssertions {
  private MetricAssertions() {}

  /** One dynamic test per expectation, named after the metric, day and instance. */
  static Stream<DynamicTest> check(MetricEngine engine, ChainId chain, String family, List<Expected> expected) {
    List<DynamicTest> tests = new ArrayList<>();
    for (Expected e : expected) {
      String name = e.metric() + " " + e.day() + (e.instance().isEmpty() ? "" : " [" + e.instance() + "]") + " = " + e.value();
      tests.add(DynamicTest.dynamicTest(name, () -> assertValue(engine, chain, family, e)));
    }
    return tests.stream();
  }

  static void assertValue(MetricEngine engine, ChainId chain, String family, Expected e) {
    LocalDate day = LocalDate.parse(e.day());
    QueryResult r = engine.values(chain, family, List.of(e.metric()), day, day);
    List<BigDecimal> found = new ArrayList<>();
    for (List<Object> row : r.rows()) {
      if (e.instance().equals(row.get(2))) {
        found.add((BigDecimal) row.get(3));
      }
    }
    if (e.value() == null) {
      assertThat(found).as("%s on %s [%s]: %s", e.metric(), e.day(), e.instance(), e.why()).isEmpty();
      return;
    }
    assertThat(found).as("%s on %s [%s]: one value (%s)", e.metric(), e.day(), e.instance(), e.why()).hasSize(1);
    assertThat(found.get(0).setScale(6, RoundingMode.HALF_UP))
        .as("%s on %s [%s]: %s", e.metric(), e.day(), e.instance(), e.why())
        .isEqualByComparingTo(e.value().setScale(6, RoundingMode.HALF_UP));
  }

  /**
   * The stored metrics of a chain, every row as text; after incremental updates they must equal those of a computation
   * from scratch.
   */
  static List<String> snapshot(org.openbds.api.Warehouse warehouse, ChainId chain) {
    List<String> rows = new ArrayList<>();
    for (List<Object> row :
        warehouse.query("SELECT day, metric, instance, value FROM " + chain.value() + ".metrics ORDER BY 1, 2, 3").rows()) {
      rows.add(row.toString());
    }
    return rows;
  }

  /** Recomputes from scratch and asserts the stored values did not change. */
  static void assertIncrementalEqualsFull(MetricEngine engine, org.openbds.api.Warehouse warehouse, ChainId chain, String family) {
    List<String> incremental = snapshot(warehouse, chain);
    engine.recompute(chain, family);
    List<String> full = snapshot(warehouse, chain);
    assertThat(incremental).as("values after day-by-day updates vs a computation from scratch").isEqualTo(full);
    assertThat(full).isNotEmpty();
  }
}
