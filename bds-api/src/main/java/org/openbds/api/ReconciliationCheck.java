package org.openbds.api;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of one reconciliation check.
 *
 * @param name what was compared, e.g. {@code getblockstats.totalfee} or {@code gettxoutsetinfo.txouts}
 * @param scope what it covered, e.g. {@code blocks 1..432} or {@code tip 432}
 * @param checked how many items were compared (blocks, outputs…)
 * @param mismatches how many of them disagreed
 * @param detail the node's and the warehouse's values for the first mismatch, or a summary when all agree
 */
public record ReconciliationCheck(String name, String scope, long checked, long mismatches, String detail) {
  public ReconciliationCheck {
    requireNonNull(name, "name is null");
    requireNonNull(scope, "scope is null");
    requireNonNull(detail, "detail is null");
    if (checked < 0 || mismatches < 0 || mismatches > checked) {
      throw new IllegalArgumentException("0 <= mismatches <= checked, got " + mismatches + " of " + checked);
    }
  }

  /** A check passes when it compared something and nothing disagreed. */
  public boolean passed() {
    return checked > 0 && mismatches == 0;
  }
}
