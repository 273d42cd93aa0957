package org.openbds.forensics.account;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * An account-chain trace's result: every transaction it passed through with the taint each of its transfers carried,
 * and its frontier — where the taint was when the trace stopped, per account and reason. For haircut and FIFO the
 * amounts balance exactly: forward, what started equals the frontier plus the fees; backward, the frontier.
 */
public record AccountTrace(AccountTraceRequest request, List<Step> steps, List<Edge> frontier, BigInteger started, BigInteger fees, boolean truncated) {

  /**
   * One transaction passed through; {@code hop} is that of its nearest tainted transfer, {@code fee} what its sender
   * paid in the native coin (whatever is traced).
   */
  public record Step(String transaction, long blockNumber, String blockHash, Instant time, int hop, BigInteger fee, List<Moved> moved) {}

  /** A balance change of the step that carried taint: a transfer, or a fee paid from tainted funds. */
  public record Moved(AccountEvent event, BigInteger taint, int hop) {}

  /** Why the trace did not follow some taint further. */
  public enum Reason {
    /** Forward: the account still holds it (at the tip, or at {@code until}). */
    HELD,
    /** Backward: the account had it before the warehouse's first block for it (its opening balance). */
    OPENING,
    /** Backward: it was mined, paid as a fee share or reward, or withdrawn from the beacon chain. */
    MINED,
    /** Backward: the token contract minted it. */
    MINTED,
    /** Forward: tokens burnt (sent to the zero address). */
    BURNT,
    /** It lies {@code hops} transfers from the start. */
    HOP_LIMIT,
    /** Its taint is below the minimum value. */
    BELOW_MIN_VALUE,
    /** Backward: held before {@code since}. */
    OUTSIDE_TIME,
    /** The account is one the trace stops at. */
    STOP_ADDRESS,
    /** The trace reached its transaction bound. */
    TRANSACTION_LIMIT
  }

  /**
   * Taint the trace stopped at: held by (forward) or come from (backward) {@code address}; {@code value} is what
   * carried it (the transfers' values), or for {@link Reason#HELD} the account's balance.
   */
  public record Edge(String address, BigInteger value, BigInteger taint, int hop, Reason reason, String note) {}

  /** The frontier's tainted amount in all. */
  public BigInteger frontierAmount() {
    return frontier.stream().map(Edge::taint).reduce(BigInteger.ZERO, BigInteger::add);
  }
}
