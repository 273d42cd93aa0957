package org.openbds.metrics;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * One metric of the catalog, read from its own SQL file.
 *
 * @param id stable identifier, Coin Metrics style where one exists ({@code TxCnt}, {@code AdrActCnt}…)
 * @param family the chain family it is defined for ({@code bitcoin}, {@code ethereum}, {@code xrp})
 * @param name short human name
 * @param unit unit of the value ({@code transactions}, {@code satoshi}, {@code wei}, {@code ratio}…)
 * @param source the {@link MetricSource} whose rows it aggregates, or {@link MetricSource#DERIVED} for a metric computed
 *     from other metrics
 * @param expression the SQL expression evaluated per row of the source (an aggregate for a grouped source)
 * @param definition the exact written definition: what counts and what is excluded
 * @param basis time basis: {@code day} (UTC day by block time), {@code end of day} (a state at 24:00 UTC), or a
 *     trailing window
 * @param lookbackDays days before the computed range a derived metric reads (its trailing window)
 * @param cumulative whether the value is the running total of the expression over all days so far
 * @param dependencies ids of the metrics a derived metric reads
 * @param file the resource it was read from
 * @param keepDays for a metric only kept for the chain's last days (a state that cannot be recomputed for older days
 *     at a bearable cost): how many days up to the last one keep a value; 0 keeps every day
 */
public record MetricDefinition(
    String id,
    String family,
    String name,
    String unit,
    String source,
    String expression,
    String definition,
    String basis,
    int lookbackDays,
    boolean cumulative,
    Set<String> dependencies,
    String file,
    int keepDays) {
  public MetricDefinition {
    requireNonNull(id, "id is null");
    requireNonNull(family, "family is null");
    requireNonNull(name, "name is null");
    requireNonNull(unit, "unit is null");
    requireNonNull(source, "source is null");
    requireNonNull(expression, "expression is null");
    requireNonNull(definition, "definition is null");
    requireNonNull(basis, "basis is null");
    dependencies = Set.copyOf(dependencies);
    requireNonNull(file, "file is null");
    if (keepDays < 0) {
      throw new IllegalArgumentException("keepDays is negative");
    }
  }

  /** A metric kept for every day. */
  public MetricDefinition(
      String id,
      String family,
      String name,
      String unit,
      String source,
      String expression,
      String definition,
      String basis,
      int lookbackDays,
      boolean cumulative,
      Set<String> dependencies,
      String file) {
    this(id, family, name, unit, source, expression, definition, basis, lookbackDays, cumulative, dependencies, file, 0);
  }

  public boolean derived() {
    return MetricSource.DERIVED.equals(source);
  }
}
