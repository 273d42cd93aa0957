package org.openbds.bitcoin.verify;

import static java.util.Objects.requireNonNull;

import org.openbds.api.ReconciliationCheck;

/**
 * Counts the items one check compared and remembers the first disagreement, so that a report names where to look.
 * Used by one thread while a check runs.
 */
final class CheckTally {
  private final String name;
  private long checked;
  private long mismatches;
  private String firstMismatch = "";

  CheckTally(String name) {
    this.name = requireNonNull(name, "name is null");
  }

  String name() {
    return name;
  }

  void agree() {
    agree(1);
  }

  /** {@code count} more items agreed. */
  void agree(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("count is negative: " + count);
    }
    checked += count;
  }

  /** One more item disagreed; {@code detail} says where and how (e.g. "height 105: node 1234, warehouse 1200"). */
  void disagree(String detail) {
    requireNonNull(detail, "detail is null");
    checked++;
    if (mismatches++ == 0) {
      firstMismatch = detail;
    }
  }

  /**
   * The check's outcome over {@code scope}: on success {@code summary}, otherwise the first disagreement and how many
   * there were.
   */
  ReconciliationCheck result(String scope, String summary) {
    String detail;
    if (checked == 0) {
      detail = "nothing to compare";
    } else if (mismatches == 0) {
      detail = summary;
    } else if (mismatches == 1) {
      detail = firstMismatch;
    } else {
      detail = firstMismatch + " (first of " + mismatches + ")";
    }
    return new ReconciliationCheck(name, scope, checked, mismatches, detail);
  }
}
