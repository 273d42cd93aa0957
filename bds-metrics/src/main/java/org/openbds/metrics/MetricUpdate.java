package org.openbds.metrics;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What one run of the engine did.
 *
 * @param from the first day recomputed; empty when nothing had changed
 * @param to the last day of the chain
 * @param firstHeight the lowest block height that had changed since the last run
 * @param full whether everything was recomputed (first run, or the catalog changed)
 * @param metrics number of metrics computed
 * @param took wall time
 */
public record MetricUpdate(Optional<LocalDate> from, Optional<LocalDate> to, long firstHeight, boolean full, int metrics, Duration took) {
  public boolean changed() {
    return from.isPresent();
  }
}
