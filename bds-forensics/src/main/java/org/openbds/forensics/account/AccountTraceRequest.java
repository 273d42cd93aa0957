package org.openbds.forensics.account;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;
import org.openbds.forensics.trace.TraceRequest;

/**
 * What to trace on an account chain, and within which bounds.
 *
 * @param from an account (forward: everything it held and received; backward: everything it received), or a
 *     transaction's transfers of the asset ({@code transfer} names one of them by its index: trace index for native
 *     value, log index for tokens)
 * @param hops how many transfers deep to follow, 1 to {@link TraceRequest#MAX_HOPS}
 * @param minValue taint below this many base units is not followed further
 * @param until forward: nothing after this instant is followed; backward: transfers received after it are not traced
 * @param since backward: transfers before this instant are not followed; forward: the account start counts from here
 * @param stopAt accounts where the trace stops, each with the reason shown (such as its label)
 * @param maxTransactions a bound on the transactions passed through; a trace that reaches it says so
 */
public record AccountTraceRequest(
    Start from,
    Asset asset,
    Direction direction,
    TaintModel model,
    int hops,
    BigInteger minValue,
    Optional<Instant> until,
    Optional<Instant> since,
    Map<String, String> stopAt,
    int maxTransactions) {

  /** Where a trace starts. */
  public sealed interface Start permits Account, Transaction {
    /** {@code 0x}+40 hex digits is an account, {@code 0x}+64 a transaction, optionally {@code :index}. */
    static Start parse(String text) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      if (t.matches("0x[0-9a-f]{40}")) {
        return new Account(t);
      }
      if (t.matches("0x[0-9a-f]{64}(:[0-9]{1,9})?")) {
        int colon = t.indexOf(':');
        return colon < 0 ? new Transaction(t, OptionalInt.empty()) : new Transaction(t.substring(0, colon), OptionalInt.of(Integer.parseInt(t.substring(colon + 1))));
      }
      throw new IllegalArgumentException("an account chain trace starts from an address (0x and 40 hex digits) or a transaction"
          + " (0x and 64 hex digits, optionally :index of one transfer), not '" + text + "'");
    }
  }

  /** All of an account's funds. */
  public record Account(String address) implements Start {
    public Account {
      requireNonNull(address, "address is null");
    }
  }

  /** The transfers of one transaction, or the one at {@code index}. */
  public record Transaction(String hash, OptionalInt index) implements Start {
    public Transaction {
      requireNonNull(hash, "hash is null");
      requireNonNull(index, "index is null");
    }
  }

  public AccountTraceRequest {
    requireNonNull(from, "from is null");
    requireNonNull(asset, "asset is null");
    requireNonNull(direction, "direction is null");
    requireNonNull(model, "model is null");
    requireNonNull(minValue, "minValue is null");
    requireNonNull(until, "until is null");
    requireNonNull(since, "since is null");
    stopAt = Map.copyOf(stopAt);
    if (hops < 1 || hops > TraceRequest.MAX_HOPS) {
      throw new IllegalArgumentException("hops must be between 1 and " + TraceRequest.MAX_HOPS + ", not " + hops);
    }
    if (minValue.signum() < 0) {
      throw new IllegalArgumentException("the minimum value must not be negative: " + minValue);
    }
    if (maxTransactions < 1) {
      throw new IllegalArgumentException("the transaction bound must be positive: " + maxTransactions);
    }
    if (until.isPresent() && since.isPresent() && until.get().isBefore(since.get())) {
      throw new IllegalArgumentException("until (" + until.get() + ") is before since (" + since.get() + ")");
    }
  }

  /** A trace of {@code hops} with no value, time or label bound, visiting up to 100,000 transactions. */
  public static AccountTraceRequest of(Start from, Asset asset, Direction direction, TaintModel model, int hops) {
    return new AccountTraceRequest(from, asset, direction, model, hops, BigInteger.ZERO, Optional.empty(), Optional.empty(), Map.of(), 100_000);
  }
}
