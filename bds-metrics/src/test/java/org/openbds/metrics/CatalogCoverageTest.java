package org.openbds.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The catalog's rules: every metric has a written definition, a name and a unit, and a hand-worked test; each family
 * has the number of distinct metrics the product promises.
 */
class CatalogCoverageTest {
  /**
   * The test classes holding hand-worked expectations: each has a static {@code expectations()} returning
   * {@code List<Expected>} for one family, named by a static {@code FAMILY} field.
   */
  static final List<Class<?>> EXPECTATION_CLASSES =
      List.of(
          BitcoinCoreMetricsTest.class,
          BitcoinMiningMetricsTest.class,
          BitcoinTransactionMetricsTest.class,
          BitcoinSupplyMetricsTest.class,
          BitcoinAddressMetricsTest.class,
          EthereumBlockMetricsTest.class,
          EthereumTransactionMetricsTest.class,
          EthereumAddressMetricsTest.class,
          EthereumTokenMetricsTest.class,
          EthereumExactnessTest.class,
          XrpTransactionMetricsTest.class,
          XrpLedgerObjectMetricsTest.class);

  private final MetricCatalog catalog = MetricCatalog.load();

  @Test
  void everyMetricHasADefinitionNameAndUnit() {
    for (MetricDefinition m : catalog.all()) {
      assertThat(m.definition()).as(m.file()).hasSizeGreaterThan(30);
      assertThat(m.name()).as(m.file()).isNotBlank();
      assertThat(m.unit()).as(m.file()).isNotBlank();
    }
  }

  /** One test per family, so that a family's missing tests never hide behind another's. */
  @TestFactory
  Stream<DynamicTest> everyMetricHasAHandWorkedTest() {
    return MetricCatalog.FAMILIES.stream()
        .map(family -> DynamicTest.dynamicTest(family, () -> assertEveryMetricTested(family)));
  }

  private void assertEveryMetricTested(String family) throws Exception {
    Set<String> tested = new TreeSet<>();
    for (Class<?> c : EXPECTATION_CLASSES) {
      if (family.equals(c.getDeclaredField("FAMILY").get(null))) {
        Method m = c.getDeclaredMethod("expectations");
        m.setAccessible(true);
        for (Object e : (List<?>) m.invoke(null)) {
          tested.add(((Expected) e).metric());
        }
      }
    }
    List<String> untested = new ArrayList<>();
    for (MetricDefinition m : catalog.metrics(family)) {
      if (!tested.contains(m.id())) {
        untested.add(m.id());
      }
    }
    assertThat(untested).as("%s metrics without a hand-worked test", family).isEmpty();
  }

  @Test
  void theXrpFamilyHasAtLeastFortyMetrics() {
    assertThat(catalog.metrics("xrp").stream().filter(m -> m.derived() || !catalog.sources("xrp").get(m.source()).instanced()))
        .as("distinct metrics, not counting those with an instance per type, result or currency")
        .hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void theBitcoinFamilyHasAtLeastAHundredMetrics() {
    assertThat(catalog.metrics("bitcoin")).hasSizeGreaterThanOrEqualTo(100);
  }
}
