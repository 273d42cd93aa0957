package org.openbds.forensics.account;

/**
 * Where a balance change happens in the chain: block, transaction index, and order within the transaction. Within a
 * transaction the sender's fee comes first ({@link #FEE}), then value moves in execution order (trace index, or log
 * index for tokens), then the fee recipient's part ({@link #MINER_FEE}); a block's openings come before its
 * transactions ({@link #OPENING}), its rewards and withdrawals after them ({@link #BLOCK_END}).
 */
public record Position(long block, int transaction, int order) implements Comparable<Position> {
  public static final int OPENING = -1;
  public static final int BLOCK_END = Integer.MAX_VALUE;
  public static final int FEE = -1;
  public static final int MINER_FEE = Integer.MAX_VALUE;

  /** Before everything of {@code block}. */
  public static Position startOf(long block) {
    return new Position(block, Integer.MIN_VALUE, Integer.MIN_VALUE);
  }

  @Override
  public int compareTo(Position o) {
    int c = Long.compare(block, o.block);
    if (c == 0) {
      c = Integer.compare(transaction, o.transaction);
    }
    return c != 0 ? c : Integer.compare(order, o.order);
  }

  public boolean isBefore(Position o) {
    return compareTo(o) < 0;
  }
}
