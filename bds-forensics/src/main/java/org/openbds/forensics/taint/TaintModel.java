package org.openbds.forensics.taint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openbds.forensics.flow.FlowTransaction;

/**
 * How taint passes through one transaction. A transaction's value is a stream: its inputs laid end to end in input
 * order, of which its outputs take the first part in output order and the fee the rest.
 *
 * <ul>
 *   <li>{@link #POISON}: any tainted input taints every output wholly (an upper bound: values are not conserved);
 *   <li>{@link #HAIRCUT}: every output carries the transaction's tainted share, {@code tainted in / all in}, of its
 *       value, exactly (a rational number of base units), and the fee the same share of it;
 *   <li>{@link #FIFO}: the tainted satoshis keep their place in the stream: an output holds those that fall in its part.
 * </ul>
 *
 * Backwards (where an output's funds came from) the same rules run the other way: poison blames every input wholly,
 * haircut spreads the traced amount over the inputs by their values, FIFO maps the traced satoshis' places back onto
 * the inputs. Haircut and FIFO conserve value exactly: forward, the outputs' taint and the fee's add up to the
 * inputs'; backward, the inputs' to the outputs'.
 */
public enum TaintModel {
  POISON,
  HAIRCUT,
  FIFO;

  /** Forward: the taint each output and the fee carry. */
  public record Forward(Map<Integer, Taint> outputs, Rational fee) {}

  public static TaintModel parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("no taint model '" + name + "'; the models are poison, haircut and fifo", e);
    }
  }

  /** The taint of {@code tx}'s outputs (those with some) given its inputs' ({@code vin → taint}). */
  public Forward forward(FlowTransaction tx, Map<Integer, Taint> inputs) {
    Map<Integer, Taint> out = new TreeMap<>();
    Rational tainted = total(inputs);
    if (tainted.isZero() || tx.isCoinbase()) {
      return new Forward(out, Rational.ZERO);
    }
    switch (this) {
      case POISON -> {
        for (FlowTransaction.Output o : tx.outputs()) {
          put(out, o.vout(), new Taint.Share(Rational.of(o.value())));
        }
        return new Forward(out, Rational.of(tx.fee()));
      }
      case HAIRCUT -> {
        // share = tainted / inputValue, exactly
        Rational share = tainted.dividedBy(Rational.of(tx.inputValue()));
        for (FlowTransaction.Output o : tx.outputs()) {
          put(out, o.vout(), new Taint.Share(Rational.of(o.value()).times(share)));
        }
        return new Forward(out, Rational.of(tx.fee()).times(share));
      }
      case FIFO -> {
        List<Taint.Range> stream = new ArrayList<>();
        long start = 0;
        for (FlowTransaction.Input in : tx.inputs()) {
          Taint t = inputs.get(in.vin());
          if (t != null) {
            for (Taint.Range r : ranges(t, in.value())) {
              stream.add(new Taint.Range(start + r.start(), start + r.end()));
            }
          }
          start += in.value();
        }
        long offset = 0;
        for (FlowTransaction.Output o : tx.outputs()) {
          put(out, o.vout(), new Taint.Ranges(within(stream, offset, offset + o.value())));
          offset += o.value();
        }
        return new Forward(out, new Taint.Ranges(within(stream, offset, tx.inputValue())).amount());
      }
      default -> throw new IllegalStateException("unknown model " + this);
    }
  }

  /** The taint of {@code tx}'s inputs (those with some) given its outputs' ({@code vout → taint}), traced backwards. */
  public Map<Integer, Taint> backward(FlowTransaction tx, Map<Integer, Taint> outputs) {
    Map<Integer, Taint> in = new TreeMap<>();
    Rational traced = total(outputs);
    if (traced.isZero() || tx.isCoinbase()) {
      return in;
    }
    switch (this) {
      case POISON -> {
        for (FlowTransaction.Input i : tx.inputs()) {
          put(in, i.vin(), new Taint.Share(Rational.of(i.value())));
        }
      }
      case HAIRCUT -> {
        Rational share = traced.dividedBy(Rational.of(tx.inputValue()));
        for (FlowTransaction.Input i : tx.inputs()) {
          put(in, i.vin(), new Taint.Share(Rational.of(i.value()).times(share)));
        }
      }
      case FIFO -> {
        List<Taint.Range> stream = new ArrayList<>();
        long start = 0;
        for (FlowTransaction.Output o : tx.outputs()) {
          Taint t = outputs.get(o.vout());
          if (t != null) {
            for (Taint.Range r : ranges(t, o.value())) {
              stream.add(new Taint.Range(start + r.start(), start + r.end()));
            }
          }
          start += o.value();
        }
        long offset = 0;
        for (FlowTransaction.Input i : tx.inputs()) {
          put(in, i.vin(), new Taint.Ranges(within(stream, offset, offset + i.value())));
          offset += i.value();
        }
      }
      default -> throw new IllegalStateException("unknown model " + this);
    }
    return in;
  }

  private static Rational total(Map<Integer, Taint> taints) {
    Rational sum = Rational.ZERO;
    for (Taint t : taints.values()) {
      sum = sum.plus(t.amount());
    }
    return sum;
  }

  private static void put(Map<Integer, Taint> out, int index, Taint t) {
    if (!t.isZero()) {
      out.put(index, t);
    }
  }

  /** A FIFO taint's ranges; a share given to FIFO (a whole output, as a trace starts) is its value's first part. */
  private static List<Taint.Range> ranges(Taint t, long value) {
    if (t instanceof Taint.Ranges r) {
      return r.ranges();
    }
    Rational amount = t.amount();
    if (!amount.isWhole()) {
      throw new IllegalArgumentException("FIFO follows whole satoshis, not " + amount);
    }
    return List.of(new Taint.Range(0, Math.min(value, amount.floor().longValueExact())));
  }

  /** The parts of {@code stream} within {@code [from, to)}, made relative to {@code from}. */
  private static List<Taint.Range> within(List<Taint.Range> stream, long from, long to) {
    List<Taint.Range> out = new ArrayList<>();
    for (Taint.Range r : stream) {
      long s = Math.max(r.start(), from);
      long e = Math.min(r.end(), to);
      if (s < e) {
        out.add(new Taint.Range(s - from, e - from));
      }
    }
    return out;
  }
}
