package org.openbds.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A helper table that makes metrics cheap (per-address daily activity, spent-output ages…), kept in the chain's schema
 * and refreshed from the first changed day on, in the same transaction as the metrics.
 *
 * @param family chain family
 * @param name file name, which orders helpers (a helper may read those before it)
 * @param create statements creating the table if missing
 * @param refresh statements deleting its rows from {@code {from}} on and inserting them again; a helper with rows per
 *     block may instead refresh them from {@code {changed_height}}, and one with rows per day may merge appended blocks
 *     into them when {@code {append}} is TRUE (see {@link MetricSource} for the placeholders)
 * @param append statements adding only the new blocks from {@code {new_height}} on, all of one day {@code {from}} no
 *     earlier than any block before them; empty when the helper has no cheaper way than {@code refresh}
 */
public record MetricHelper(String family, String name, List<String> create, List<String> refresh, List<String> append) {
  public MetricHelper {
    requireNonNull(family, "family is null");
    requireNonNull(name, "name is null");
    create = List.copyOf(create);
    refresh = List.copyOf(refresh);
    append = List.copyOf(append);
  }
}
