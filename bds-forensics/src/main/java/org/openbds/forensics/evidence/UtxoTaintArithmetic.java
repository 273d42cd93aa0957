package org.openbds.forensics.evidence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openbds.forensics.evidence.EvidenceCase.Input;
import org.openbds.forensics.evidence.EvidenceCase.Output;
import org.openbds.forensics.evidence.EvidenceCase.UtxoStep;
import org.openbds.forensics.taint.Rational;
import org.openbds.forensics.taint.Taint;
import org.openbds.forensics.taint.TaintModel;
import org.openbds.forensics.trace.Direction;

/**
 * A UTXO step's taint worked out again from its own figures, by the model's rule written out as arithmetic a reader can
 * redo by hand — each result beside what the case file says, with the verdict. Forward the rule runs from the tainted
 * inputs to the outputs and the fee; backward from the traced outputs to the inputs.
 */
final class UtxoTaintArithmetic {
  /** One place taint goes to (an output, the fee, an input), with its value and what the case file says it holds. */
  private record Part(String name, BigInteger value, Optional<Rational> taint, List<Taint.Range> ranges) {
    Rational stated() {
      return taint.orElse(Rational.ZERO);
    }
  }

  private UtxoTaintArithmetic() {}

  static List<RecheckLine> lines(UtxoStep step, Direction direction, TaintModel model) {
    List<Input> inputs = step.inputs().stream().sorted(Comparator.comparingInt(Input::vin)).toList();
    List<Output> outputs = step.outputs().stream().sorted(Comparator.comparingInt(Output::vout)).toList();
    List<Part> ins = inputs.stream().map(i -> new Part("vin " + i.vin(), i.value(), i.taint(), i.ranges())).toList();
    List<Part> outs = new ArrayList<>(outputs.stream().map(o -> new Part("vout " + o.vout(), o.value(), o.taint(), o.ranges())).toList());
    // haircut shares by the inputs' value, forward and backward alike
    BigInteger inputValue = inputs.stream().map(Input::value).reduce(BigInteger.ZERO, BigInteger::add);
    List<RecheckLine> lines = new ArrayList<>();
    if (direction == Direction.FORWARD) {
      // the fee is the stream's last part, after the outputs
      outs.add(new Part("fee", step.fee(), Optional.of(step.feeTaint()), List.of()));
      apply(model, "tainted inputs", ins, outs, inputValue, lines);
    } else {
      lines.add(RecheckLine.check(step.feeTaint().isZero(), "fee taint: backward, nothing is traced into the fee: 0 (the case says "
          + Units.base(step.feeTaint()) + ")"));
      apply(model, "traced outputs", outs, ins, inputValue, lines);
    }
    return lines;
  }

  /** The rule of {@code model} carrying the taint of {@code from} (in stream order) to {@code to}. */
  private static void apply(TaintModel model, String fromName, List<Part> from, List<Part> to, BigInteger inputValue, List<RecheckLine> lines) {
    Rational tainted = Rational.ZERO;
    for (Part p : from) {
      tainted = tainted.plus(p.stated());
    }
    lines.add(RecheckLine.note(fromName + ": " + from.stream().filter(p -> p.taint().isPresent())
        .map(p -> p.name() + " " + Units.base(p.stated())).collect(Collectors.joining(" + ")) + " = " + Units.base(tainted)));
    switch (model) {
      case POISON -> poison(tainted, to, lines);
      case HAIRCUT -> haircut(tainted, inputValue, to, lines);
      case FIFO -> fifo(from, to, lines);
    }
    if (model != TaintModel.POISON) {
      Rational sum = Rational.ZERO;
      for (Part p : to) {
        sum = sum.plus(p.stated());
      }
      lines.add(RecheckLine.check(sum.equals(tainted), "conserved: " + to.stream().map(p -> Units.base(p.stated())).collect(Collectors.joining(" + "))
          + " = " + Units.base(sum) + (sum.equals(tainted) ? " = " : " ≠ ") + fromName + " " + Units.base(tainted)));
    }
  }

  private static void poison(Rational tainted, List<Part> to, List<RecheckLine> lines) {
    for (Part p : to) {
      Rational expected = tainted.isZero() ? Rational.ZERO : whole(p.value());
      lines.add(RecheckLine.check(p.stated().equals(expected), p.name() + ": " + (tainted.isZero() ? "nothing tainted: 0" : "tainted whole: " + p.value())
          + " (the case says " + Units.base(p.stated()) + ")"));
    }
  }

  /** Largest remainder: each part gets {@code value × tainted / all inputs} rounded down, the units left go to the largest remainders. */
  private static void haircut(Rational tainted, BigInteger all, List<Part> to, List<RecheckLine> lines) {
    if (!tainted.isWhole()) {
      lines.add(RecheckLine.note("the tainted amount " + tainted + " is not whole: haircut shares whole base units, so it cannot be redone"));
      return;
    }
    BigInteger total = tainted.floor();
    if (total.compareTo(all) > 0) {
      lines.add(RecheckLine.check(false, "the tainted amount " + total + " exceeds the value " + all + " it is a share of"));
      return;
    }
    int n = to.size();
    BigInteger[] shares = new BigInteger[n];
    BigInteger[] remainders = new BigInteger[n];
    BigInteger given = BigInteger.ZERO;
    for (int i = 0; i < n; i++) {
      BigInteger[] qr = all.signum() == 0 ? new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO} : to.get(i).value().multiply(total).divideAndRemainder(all);
      shares[i] = qr[0];
      remainders[i] = qr[1];
      given = given.add(qr[0]);
    }
    BigInteger left = total.subtract(given);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    order.sort((a, b) -> remainders[a].equals(remainders[b]) ? Integer.compare(a, b) : remainders[b].compareTo(remainders[a]));
    List<String> extra = new ArrayList<>();
    for (int k = 0; k < n && BigInteger.valueOf(k).compareTo(left) < 0; k++) {
      shares[order.get(k)] = shares[order.get(k)].add(BigInteger.ONE);
      extra.add(to.get(order.get(k)).name());
    }
    lines.add(RecheckLine.note("each part: value × " + total + " / " + all + ", rounded down; the " + left + " unit(s) left go one each to the largest"
        + " remainders, the earlier on a tie" + (extra.isEmpty() ? "" : " (" + String.join(", ", extra) + ")")));
    for (int i = 0; i < n; i++) {
      Part p = to.get(i);
      lines.add(RecheckLine.check(p.stated().equals(whole(shares[i])), p.name() + ": " + p.value() + " × " + total + " / " + all + " = "
          + p.value().multiply(total).divide(all.signum() == 0 ? BigInteger.ONE : all) + " remainder " + remainders[i] + " → " + shares[i]
          + " (the case says " + Units.base(p.stated()) + ")"));
    }
  }

  /** The parts laid end to end; each target part holds the tainted positions of the stream that fall in its own part. */
  private static void fifo(List<Part> from, List<Part> to, List<RecheckLine> lines) {
    BigInteger longest = BigInteger.valueOf(Long.MAX_VALUE);
    if (from.stream().map(Part::value).reduce(BigInteger.ZERO, BigInteger::add).compareTo(longest) > 0
        || to.stream().map(Part::value).reduce(BigInteger.ZERO, BigInteger::add).compareTo(longest) > 0) {
      lines.add(RecheckLine.check(false, "the values add up to more than any UTXO chain holds: the positions cannot be redone"));
      return;
    }
    List<Taint.Range> stream = new ArrayList<>();
    long start = 0;
    List<String> layout = new ArrayList<>();
    for (Part p : from) {
      long value = p.value().longValueExact();
      Optional<List<Taint.Range>> ranges = positions(p);
      if (ranges.isEmpty()) {
        lines.add(RecheckLine.note(p.name() + " holds " + Units.base(p.stated()) + " tainted units but the case file does not say which:"
            + " their positions cannot be redone"));
        return;
      }
      if (ranges.get().stream().anyMatch(r -> r.end() > value)) {
        lines.add(RecheckLine.check(false, p.name() + ": tainted positions " + ranges(ranges.get()) + " lie beyond its value " + value));
        return;
      }
      for (Taint.Range r : ranges.get()) {
        stream.add(new Taint.Range(start + r.start(), start + r.end()));
      }
      layout.add(p.name() + " " + range(start, start + value));
      start += value;
    }
    lines.add(RecheckLine.note("stream: " + String.join(", ", layout) + "; tainted positions: " + ranges(stream)));
    long offset = 0;
    for (Part p : to) {
      long value = p.value().longValueExact();
      List<Taint.Range> cut = new ArrayList<>();
      for (Taint.Range r : stream) {
        long a = Math.max(r.start(), offset);
        long b = Math.min(r.end(), offset + value);
        if (a < b) {
          cut.add(new Taint.Range(a - offset, b - offset));
        }
      }
      Taint.Ranges held = new Taint.Ranges(cut);
      List<Taint.Range> inside = held.ranges();
      long amount = held.amount().floor().longValueExact();
      // the fee has no positions of its own in a case file: its amount is what is compared
      boolean rangesAgree = p.name().equals("fee") || positions(p).map(x -> new Taint.Ranges(x).ranges().equals(inside)).orElse(false);
      lines.add(RecheckLine.check(rangesAgree && p.stated().equals(Rational.of(amount)), p.name() + " takes " + range(offset, offset + value)
          + ": tainted " + amount + (inside.isEmpty() ? "" : " at " + ranges(inside)) + " (the case says " + Units.base(p.stated())
          + (p.ranges().isEmpty() ? "" : " at " + ranges(p.ranges())) + ")"));
      offset += value;
    }
  }

  /** Where in its value a part's taint lies: its ranges, the whole of it, or nothing; empty when the file does not say. */
  private static Optional<List<Taint.Range>> positions(Part p) {
    if (!p.ranges().isEmpty()) {
      return Optional.of(p.ranges());
    }
    if (p.stated().isZero()) {
      return Optional.of(List.of());
    }
    if (p.stated().equals(whole(p.value()))) {
      return Optional.of(List.of(new Taint.Range(0, p.value().longValueExact())));
    }
    return Optional.empty();
  }

  private static Rational whole(BigInteger units) {
    return new Rational(units, BigInteger.ONE);
  }

  static String range(long start, long end) {
    return "[" + start + ", " + end + ")";
  }

  static String ranges(List<Taint.Range> ranges) {
    return ranges.isEmpty() ? "none" : ranges.stream().map(r -> range(r.start(), r.end())).collect(Collectors.joining(" "));
  }
}
