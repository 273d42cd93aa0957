package org.openbds.metrics;

import java.math.BigDecimal;

/**
 * A hand-worked expected value of a metric on a test chain.
 *
 * @param metric the metric id
 * @param day the UTC day, {@code yyyy-mm-dd}
 * @param instance the instance ({@code ""} for none)
 * @param value the value, compared numerically to 6 decimal places; {@code null} means no row
 * @param why how the value was worked out from the test chain
 */
record Expected(String metric, String day, String instance, BigDecimal value, String why) {
  static Expected of(String metric, String day, String value, String why) {
    return new Expected(metric, day, "", value == null ? null : new BigDecimal(value), why);
  }

  static Expected of(String metric, String day, String instance, String value, String why) {
    return new Expected(metric, day, instance, value == null ? null : new BigDecimal(value), why);
  }
}
