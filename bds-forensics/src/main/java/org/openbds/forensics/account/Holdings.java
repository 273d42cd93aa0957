package org.openbds.forensics.account;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one account holds of an asset, as parts of different origins ("colours": an integer each, such as the hop at
 * which taint arrived, or which payment brought it). Value leaving the account takes from the parts by the taint
 * model's rule:
 *
 * <ul>
 *   <li>{@link Mixed} (haircut): from every part in proportion to its amount, in whole base units by largest
 *       remainder, so that what leaves adds up exactly and no part goes negative;
 *   <li>{@link Queue} (FIFO): first in, first out, each part keeping its place (an offset into where it came from).
 * </ul>
 */
public abstract sealed class Holdings permits Holdings.Mixed, Holdings.Queue {
  /** A part of value of one colour; {@code offset} is where it starts within the value it came with (FIFO). */
  public record Part(int colour, BigInteger offset, BigInteger amount) {}

  protected BigInteger total = BigInteger.ZERO;

  public static Holdings of(boolean fifo) {
    return fifo ? new Queue() : new Mixed();
  }

  public BigInteger total() {
    return total;
  }

  /** Adds {@code amount} of {@code colour} (zero adds nothing). */
  public abstract void add(int colour, BigInteger amount);

  /**
   * Takes {@code amount} out, returning the parts it is made of (in order, for FIFO).
   *
   * @throws IllegalStateException if the account holds less: the warehouse's balances do not add up
   */
  public abstract List<Part> take(BigInteger amount, String what);

  /** The amount of each colour held. */
  public abstract Map<Integer, BigInteger> byColour();

  protected void check(BigInteger amount, String what) {
    if (amount.compareTo(total) > 0) {
      throw new IllegalStateException(what + " moves " + amount + " but the account holds only " + total
          + " by the warehouse's balance changes (are blocks or traces missing?)");
    }
  }

  /** Haircut: parts by colour, taken from in proportion. */
  public static final class Mixed extends Holdings {
    private final Map<Integer, BigInteger> parts = new LinkedHashMap<>();

    @Override
    public void add(int colour, BigInteger amount) {
      if (amount.signum() > 0) {
        parts.merge(colour, amount, BigInteger::add);
        total = total.add(amount);
      }
    }

    @Override
    public List<Part> take(BigInteger amount, String what) {
      check(amount, what);
      List<Part> out = new ArrayList<>();
      if (amount.signum() == 0) {
        return out;
      }
      Integer[] colours = parts.keySet().toArray(new Integer[0]);
      BigInteger[] weights = new BigInteger[colours.length];
      for (int i = 0; i < colours.length; i++) {
        weights[i] = parts.get(colours[i]);
      }
      BigInteger[] shares = apportion(amount, weights, total);
      for (int i = 0; i < colours.length; i++) {
        if (shares[i].signum() > 0) {
          out.add(new Part(colours[i], BigInteger.ZERO, shares[i]));
          BigInteger left = weights[i].subtract(shares[i]);
          if (left.signum() == 0) {
            parts.remove(colours[i]);
          } else {
            parts.put(colours[i], left);
          }
        }
      }
      total = total.subtract(amount);
      return out;
    }

    @Override
    public Map<Integer, BigInteger> byColour() {
      return Map.copyOf(parts);
    }
  }

  /** FIFO: parts in the order they came. */
  public static final class Queue extends Holdings {
    private final Deque<Part> parts = new ArrayDeque<>();

    @Override
    public void add(int colour, BigInteger amount) {
      if (amount.signum() > 0) {
        parts.addLast(new Part(colour, BigInteger.ZERO, amount));
        total = total.add(amount);
      }
    }

    @Override
    public List<Part> take(BigInteger amount, String what) {
      check(amount, what);
      List<Part> out = new ArrayList<>();
      BigInteger left = amount;
      while (left.signum() > 0) {
        Part head = parts.pollFirst();
        if (head.amount().compareTo(left) <= 0) {
          out.add(head);
          left = left.subtract(head.amount());
        } else {
          out.add(new Part(head.colour(), head.offset(), left));
          parts.addFirst(new Part(head.colour(), head.offset().add(left), head.amount().subtract(left)));
          left = BigInteger.ZERO;
        }
      }
      total = total.subtract(amount);
      return out;
    }

    @Override
    public Map<Integer, BigInteger> byColour() {
      Map<Integer, BigInteger> out = new LinkedHashMap<>();
      parts.forEach(p -> out.merge(p.colour(), p.amount(), BigInteger::add));
      return out;
    }
  }

  /**
   * {@code total} shared out in proportion to {@code weights} (adding up to {@code weightSum} ≥ total): each share the
   * floor of its exact proportion, the units left over going to the largest remainders (the first on ties).
   */
  public static BigInteger[] apportion(BigInteger total, BigInteger[] weights, BigInteger weightSum) {
    BigInteger[] shares = new BigInteger[weights.length];
    Arrays.fill(shares, BigInteger.ZERO);
    if (total.signum() == 0 || weightSum.signum() == 0) {
      return shares;
    }
    if (total.compareTo(weightSum) > 0) {
      throw new IllegalArgumentException("cannot share " + total + " by weights adding up to " + weightSum);
    }
    BigInteger[] remainders = new BigInteger[weights.length];
    BigInteger given = BigInteger.ZERO;
    for (int i = 0; i < weights.length; i++) {
      BigInteger[] qr = weights[i].multiply(total).divideAndRemainder(weightSum);
      shares[i] = qr[0];
      remainders[i] = qr[1];
      given = given.add(qr[0]);
    }
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = remainders[b].compareTo(remainders[a]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    for (int k = 0; given.compareTo(total) < 0; k++) {
      shares[order[k]] = shares[order[k]].add(BigInteger.ONE);
      given = given.add(BigInteger.ONE);
    }
    return shares;
  }
}
