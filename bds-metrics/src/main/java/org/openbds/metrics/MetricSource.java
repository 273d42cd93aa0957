package org.openbds.metrics;

import static java.util.Objects.requireNonNull;

/**
 * A grouped query over base and helper tables that many metrics share: it is run once per computation with every
 * metric's expression in place of {@code {metrics}}, so one scan of a table serves all the metrics reading it.
 *
 * <p>Placeholders: {@code {schema}} (the chain's schema), {@code {from}} and {@code {to}} (the first and last UTC day
 * computed, as DATE literals), {@code {from_height}} (a height at or below the first block of {@code {from}}), and
 * {@code {metrics}}. The query yields a {@code day} column and, for an instanced source, an {@code instance} column
 * (a pool, an hour, a bucket…), grouped by them. Sources and helpers may also use {@code {changed_height}} (the lowest block
 * height that changed since the last run) and {@code {append}} (TRUE when the run only adds blocks above those computed
 * before, so that a helper may merge them into its rows instead of rebuilding the days from {@code {from}}).
 *
 * @param family chain family
 * @param name the name metrics refer to
 * @param sql the template
 * @param instanced whether rows carry an instance key
 * @param description what a row of the source is
 * @param byBlock whether each row belongs to one block and never changes while that block stays in the chain, so that
 *     the query run over the blocks from {@code {from_height}} on yields the part of each day those blocks make: the
 *     metrics whose aggregates merge ({@link PartialAggregates}) are then kept as parts per day, and a new block adds
 *     its part instead of having its whole day scanned again. Its parts are planned before the reference tables
 *     load, so such a source reads base and helper tables only
 * @param blockKeys expressions (as written in the metrics) whose values never occur in two blocks, such as a
 *     transaction id: a distinct count of one of them is the sum of the distinct counts of the parts
 * @param postgresSql the template on PostgreSQL where it differs (a file's section after a line {@code -- postgresql}),
 *     else {@code sql}
 */
public record MetricSource(
    String family,
    String name,
    String sql,
    boolean instanced,
    String description,
    boolean byBlock,
    java.util.Set<String> blockKeys,
    String postgresSql) {
  /** The source name of metrics computed from other metrics. */
  public static final String DERIVED = "derived";

  public MetricSource {
    requireNonNull(family, "family is null");
    requireNonNull(name, "name is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(description, "description is null");
    blockKeys = java.util.Set.copyOf(blockKeys);
    requireNonNull(postgresSql, "postgresSql is null");
  }

  /** A source whose template is the same on every warehouse. */
  public MetricSource(String family, String name, String sql, boolean instanced, String description, boolean byBlock, java.util.Set<String> blockKeys) {
    this(family, name, sql, instanced, description, byBlock, blockKeys, sql);
  }

  /** The template as {@code dialect} runs it. */
  public String sql(org.openbds.api.SqlDialect dialect) {
    return dialect == org.openbds.api.SqlDialect.POSTGRESQL ? postgresSql : sql;
  }
}
