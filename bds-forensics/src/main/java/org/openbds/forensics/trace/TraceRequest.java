package org.openbds.forensics.trace;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.taint.TaintModel;

/**
 * What to trace and within which bounds.
 *
 * @param start the outputs the trace starts from (an address's received outputs, or one output), each taken whole
 * @param hops how many transactions deep to follow, at least 1
 * @param minValue taint below this many base units is not followed further (it stays in the frontier)
 * @param until forward: spends after this instant are not followed
 * @param since backward: transactions before this instant are not followed
 * @param stopAt addresses where the trace stops, each with the reason shown (such as its label: "exchange")
 * @param maxTransactions a bound on the transactions visited; a trace that reaches it says so ({@code truncated})
 */
public record TraceRequest(
    List<Outpoint> start,
    Direction direction,
    TaintModel model,
    int hops,
    long minValue,
    Optional<Instant> until,
    Optional<Instant> since,
    Map<String, String> stopAt,
    int maxTransactions) {

  public static final int MAX_HOPS = 100;

  public TraceRequest {
    start = List.copyOf(start);
    requireNonNull(direction, "direction is null");
    requireNonNull(model, "model is null");
    requireNonNull(until, "until is null");
    requireNonNull(since, "since is null");
    stopAt = Map.copyOf(stopAt);
    if (start.isEmpty()) {
      throw new IllegalArgumentException("a trace needs at least one output to start from");
    }
    if (hops < 1 || hops > MAX_HOPS) {
      throw new IllegalArgumentException("hops must be between 1 and " + MAX_HOPS + ", not " + hops);
    }
    if (minValue < 0) {
      throw new IllegalArgumentException("the minimum value must not be negative: " + minValue);
    }
    if (maxTransactions < 1) {
      throw new IllegalArgumentException("the transaction bound must be positive: " + maxTransactions);
    }
  }

  /** A trace of {@code hops} with no value, time or label bound, visiting up to 100,000 transactions. */
  public static TraceRequest of(List<Outpoint> start, Direction direction, TaintModel model, int hops) {
    return new TraceRequest(start, direction, model, hops, 0, Optional.empty(), Optional.empty(), Map.of(), 100_000);
  }
}
