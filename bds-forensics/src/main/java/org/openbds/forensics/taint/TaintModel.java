package org.openbds.forensics.taint;

import java.math.BigInteger;
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
 *   <li>{@link #HAIRCUT}: the tainted satoshis are shared out over the outputs and the fee in proportion to their
 *       values ({@code value × tainted in / all in}), in whole satoshis by largest remainder: every share is within one
 *       satoshi of its exact proportion and the shares add up exactly;
 *   <li>{@link #FIFO}: the tainted satoshis keep their place in the stream: an output holds those that fall in its part.
 * </ul>
 *
 * Backwards (where an output's funds came from) the same rules run the other way: poison blames every input wholly,
 * haircut shares the traced amount out over the inputs by their values, FIFO maps the traced satoshis' places back onto
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
        // the tainted satoshis go to the outputs and the fee in proportion to their values
        long[] weights = new long[tx.outputs().size() + 1];
        for (FlowTransaction.Output o : tx.outputs()) {
          weights[o.vout()] = o.value();
        }
        weights[weights.length - 1] = tx.fee();
        long[] shares = apportion(whole(tainted), weights, tx.inputValue());
        for (FlowTransaction.Output o : tx.outputs()) {
          put(out, o.vout(), new Taint.Share(Rational.of(shares[o.vout()])));
        }
        return new Forward(out, Rational.of(shares[shares.length - 1]));
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
        // the traced satoshis came from the inputs in proportion to their values
        long[] weights = new long[tx.inputs().size()];
        for (FlowTransaction.Input i : tx.inputs()) {
          weights[i.vin()] = i.value();
        }
        long[] shares = apportion(whole(traced), weights, tx.inputValue());
        for (FlowTransaction.Input i : tx.inputs()) {
          put(in, i.vin(), new Taint.Share(Rational.of(shares[i.vin()])));
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

  /**
   * {@code total} whole units shared out in proportion to {@code weights} (which add up to {@code weightSum}, at least
   * {@code total}) by largest remainder: each gets the whole part of its exact share, and the units left go one each to
   * the largest fractional parts (the earlier one on a tie). The shares add up to {@code total} exactly and each is
   * within one unit of its exact proportion.
   */
  static long[] apportion(long total, long[] weights, long weightSum) {
    long[] shares = new long[weights.length];
    if (total == 0 || weightSum == 0) {
      return shares;
    }
    if (total > weightSum) {
      throw new IllegalArgumentException("cannot share " + total + " by weights adding up to " + weightSum);
    }
    BigInteger t = BigInteger.valueOf(total);
    BigInteger w = BigInteger.valueOf(weightSum);
    long[] remainders = new long[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      BigInteger[] qr = BigInteger.valueOf(weights[i]).multiply(t).divideAndRemainder(w);
      shares[i] = qr[0].longValueExact();
      remainders[i] = qr[1].longValueExact();
      given += shares[i];
    }
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> remainders[a] != remainders[b] ? Long.compare(remainders[b], remainders[a]) : Integer.compare(a, b));
    for (int k = 0; given < total; k++) {
      shares[order[k]]++;
      given++;
    }
    return shares;
  }

  private static long whole(Rational amount) {
    if (!amount.isWhole()) {
      throw new IllegalArgumentException("haircut shares whole satoshis, not " + amount);
    }
    return amount.floor().longValueExact();
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
