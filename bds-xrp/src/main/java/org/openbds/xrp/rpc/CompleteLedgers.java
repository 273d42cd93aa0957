package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * The ledgers a rippled server holds complete (header, transactions and state), as its {@code server_info} reports them
 * in {@code complete_ledgers}: closed ranges in ascending order, neither overlapping nor touching. A server that has
 * not acquired a ledger of its history has a hole there; one that only started has none at all ({@code "empty"}).
 */
public record CompleteLedgers(List<LedgerRange> ranges) {
  public static final CompleteLedgers NONE = new CompleteLedgers(List.of());

  /** Ledgers {@code first} through {@code last}, both included. */
  public record LedgerRange(long first, long last) {
    public LedgerRange {
      if (first < 0 || last < first) {
        throw new IllegalArgumentException("not a ledger range: " + first + "-" + last);
      }
    }

    public boolean contains(long index) {
      return index >= first && index <= last;
    }

    public long size() {
      return last - first + 1;
    }

    /** {@code first–last}, or the one index. */
    @Override
    public String toString() {
      return first == last ? Long.toString(first) : first + "–" + last;
    }
  }

  public CompleteLedgers {
    ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
    for (int i = 1; i < ranges.size(); i++) {
      if (ranges.get(i).first() <= ranges.get(i - 1).last() + 1) {
        throw new IllegalArgumentException("ledger ranges must ascend with holes between them: " + ranges);
      }
    }
  }

  /**
   * Parses rippled's notation: {@code "32570-5000000,5000002-6000000"}, single indexes like {@code "7"}, or
   * {@code "empty"}. Ranges that touch or overlap are merged; anything else is an {@link ErrorCode#INVALID_ARGUMENT}.
   */
  public static CompleteLedgers parse(String text) {
    requireNonNull(text, "text is null");
    String t = text.trim();
    if (t.isEmpty() || t.equals("empty")) {
      return NONE;
    }
    List<LedgerRange> parsed = new ArrayList<>();
    for (String part : t.split(",", -1)) {
      String p = part.trim();
      int dash = p.indexOf('-');
      try {
        long first = Long.parseLong(dash < 0 ? p : p.substring(0, dash));
        long last = dash < 0 ? first : Long.parseLong(p.substring(dash + 1));
        parsed.add(new LedgerRange(first, last));
      } catch (IllegalArgumentException e) {
        throw new BdsException(ErrorCode.INVALID_ARGUMENT, "not a list of ledger ranges like 32570-5000000,5000002-6000000: " + text);
      }
    }
    parsed.sort(java.util.Comparator.comparingLong(LedgerRange::first));
    List<LedgerRange> merged = new ArrayList<>();
    for (LedgerRange r : parsed) {
      LedgerRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r.first() <= last.last() + 1) {
        merged.set(merged.size() - 1, new LedgerRange(last.first(), Math.max(last.last(), r.last())));
      } else {
        merged.add(r);
      }
    }
    return new CompleteLedgers(merged);
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(long index) {
    return ranges.stream().anyMatch(r -> r.contains(index));
  }

  /** The highest complete ledger; empty when there is none. */
  public Optional<Long> highest() {
    return ranges.isEmpty() ? Optional.empty() : Optional.of(ranges.get(ranges.size() - 1).last());
  }

  /** The ledgers of {@code first} through {@code last} that are not complete, as ascending ranges. */
  public List<LedgerRange> missing(long first, long last) {
    List<LedgerRange> out = new ArrayList<>();
    long next = first;
    for (LedgerRange r : ranges) {
      if (next > last) {
        break;
      }
      if (r.last() < next) {
        continue;
      }
      if (r.first() > next) {
        out.add(new LedgerRange(next, Math.min(last, r.first() - 1)));
      }
      next = Math.max(next, r.last() + 1);
    }
    if (next <= last) {
      out.add(new LedgerRange(next, last));
    }
    return out;
  }

  /**
   * The whole hole around a ledger that is not complete: from the ledger after the complete range below it (or 1)
   * through the ledger before the complete range above it (or {@code ceiling}, the highest ledger there could be).
   */
  public LedgerRange holeAround(long index, long ceiling) {
    if (contains(index)) {
      throw new IllegalArgumentException("ledger " + index + " is complete");
    }
    long first = 1;
    long last = Math.max(index, ceiling);
    for (LedgerRange r : ranges) {
      if (r.last() < index) {
        first = r.last() + 1;
      } else if (r.first() > index) {
        last = r.first() - 1;
        break;
      }
    }
    return new LedgerRange(first, last);
  }

  /** rippled's notation, {@code "empty"} when there are no ledgers. */
  @Override
  public String toString() {
    if (ranges.isEmpty()) {
      return "empty";
    }
    StringBuilder s = new StringBuilder();
    for (LedgerRange r : ranges) {
      s.append(s.length() == 0 ? "" : ",").append(r.first() == r.last() ? Long.toString(r.first()) : r.first() + "-" + r.last());
    }
    return s.toString();
  }
}
