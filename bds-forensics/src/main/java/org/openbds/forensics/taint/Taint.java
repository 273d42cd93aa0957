package org.openbds.forensics.taint;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The tainted part of one output's value, exactly. The poison and haircut models say how much ({@link Share}); FIFO
 * says which satoshis ({@link Ranges}: half-open ranges of the output's value, in its order), since where in the
 * output the tainted coins lie decides where they go next.
 */
public sealed interface Taint permits Taint.Share, Taint.Ranges {
  /** The tainted amount in base units. */
  Rational amount();

  default boolean isZero() {
    return amount().isZero();
  }

  /** An amount of the output's value, whichever its coins. */
  record Share(Rational amount) implements Taint {
    public Share {
      requireNonNull(amount, "amount is null");
    }
  }

  /** Half-open {@code [start, end)} ranges of the output's value, sorted, apart, none empty. */
  record Ranges(List<Range> ranges) implements Taint {
    public Ranges {
      ranges = merged(ranges);
    }

    @Override
    public Rational amount() {
      long sum = 0;
      for (Range r : ranges) {
        sum = Math.addExact(sum, r.length());
      }
      return Rational.of(sum);
    }

    private static List<Range> merged(List<Range> in) {
      List<Range> sorted = new ArrayList<>(in);
      sorted.removeIf(r -> r.length() == 0);
      sorted.sort(Comparator.comparingLong(Range::start));
      List<Range> out = new ArrayList<>();
      for (Range r : sorted) {
        if (!out.isEmpty() && out.get(out.size() - 1).end() >= r.start()) {
          Range last = out.remove(out.size() - 1);
          out.add(new Range(last.start(), Math.max(last.end(), r.end())));
        } else {
          out.add(r);
        }
      }
      return List.copyOf(out);
    }
  }

  /** {@code [start, end)} in base units. */
  record Range(long start, long end) {
    public Range {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("not a range: [" + start + ", " + end + ")");
      }
    }

    public long length() {
      return end - start;
    }
  }

  /** The whole of an output of {@code value}, as {@code model} tracks it. */
  static Taint whole(TaintModel model, long value) {
    return model == TaintModel.FIFO ? new Ranges(List.of(new Range(0, value))) : new Share(Rational.of(value));
  }
}
