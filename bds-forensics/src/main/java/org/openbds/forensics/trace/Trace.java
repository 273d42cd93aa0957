package org.openbds.forensics.trace;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openbds.forensics.flow.FlowTransaction;
import org.openbds.forensics.flow.Outpoint;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;

/**
 * A trace's result: every transaction it passed through with the taint on each input and output, and its frontier —
 * the tainted outputs it did not follow further, each with the reason. For haircut and FIFO the amounts balance
 * exactly: forward, the start equals the frontier plus the fees; backward, the start equals the frontier.
 *
 * <p>{@code started} is the value of the start outputs, less what of it the trace carried into another start output
 * (an address that received, spent and received again): each start output is followed whole, so that part is counted
 * once.
 */
public record Trace(TraceRequest request, List<Step> steps, List<Edge> frontier, Rational started, Rational fees, boolean truncated) {

  /** One transaction passed through, {@code hop} transactions from the start. */
  public record Step(FlowTransaction transaction, int hop, Map<Integer, Taint> inputs, Map<Integer, Taint> outputs, Rational fee) {}

  /** Why the trace did not follow an output further. */
  public enum Reason {
    /** Forward: nobody has spent it yet. */
    UNSPENT,
    /** Backward: a coinbase created it (newly mined coins and fees). */
    MINED,
    /** It lies {@code hops} transactions from the start. */
    HOP_LIMIT,
    /** Its taint is below the minimum value. */
    BELOW_MIN_VALUE,
    /** Forward: spent after {@code until}; backward: created before {@code since}. */
    OUTSIDE_TIME,
    /** Its address is one the trace stops at. */
    STOP_ADDRESS,
    /** The trace reached its transaction bound before following it. */
    TRANSACTION_LIMIT
  }

  /** A tainted output the trace stopped at. */
  public record Edge(Outpoint outpoint, Optional<String> address, long value, Taint taint, int hop, Reason reason, String note) {}

  /** The frontier's tainted amount in all. */
  public Rational frontierAmount() {
    Rational sum = Rational.ZERO;
    for (Edge e : frontier) {
      sum = sum.plus(e.taint().amount());
    }
    return sum;
  }
}
