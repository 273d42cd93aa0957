package org.openbds.ethereum.profile;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Proof-of-work block rewards of a chain: the static reward of a block by its number, and the rewards for including
 * uncles (ommers). Two shapes exist:
 *
 * <ul>
 *   <li>steps (Ethereum): the reward changes at given blocks (5 ETH, 3 ETH at Byzantium, 2 ETH at Constantinople, 0
 *       from the merge on); an uncle's miner gets {@code (8 + uncle number - block number) / 8} of the block reward
 *       and the including miner 1/32 per uncle;
 *   <li>eras (Ethereum Classic, ECIP-1017): 5 ETC reduced by a fifth every {@code eraLength} blocks; from the second
 *       era on an uncle's miner gets 1/32 of the block reward whatever its distance.
 * </ul>
 *
 * A chain without proof-of-work rewards (a proof-of-stake chain, a devnet) has the schedule {@link #none()}.
 */
public final class RewardSchedule {
  private static final BigInteger EIGHT = BigInteger.valueOf(8);
  private static final BigInteger THIRTY_TWO = BigInteger.valueOf(32);

  private final NavigableMap<Long, BigInteger> steps;
  private final long eraLength;

  private RewardSchedule(NavigableMap<Long, BigInteger> steps, long eraLength) {
    this.steps = steps;
    this.eraLength = eraLength;
  }

  public static RewardSchedule none() {
    TreeMap<Long, BigInteger> steps = new TreeMap<>();
    steps.put(0L, BigInteger.ZERO);
    return new RewardSchedule(steps, 0);
  }

  /** Rewards that change at the given block numbers (the first key must be 0). */
  public static RewardSchedule steps(Map<Long, BigInteger> rewardFromBlock) {
    TreeMap<Long, BigInteger> steps = new TreeMap<>(rewardFromBlock);
    if (steps.isEmpty() || steps.firstKey() != 0) {
      throw new IllegalArgumentException("a reward schedule starts at block 0");
    }
    return new RewardSchedule(steps, 0);
  }

  /** ECIP-1017: {@code initial} for the first {@code eraLength} blocks, then four fifths of the previous era's. */
  public static RewardSchedule eras(BigInteger initial, long eraLength) {
    requireNonNull(initial, "initial is null");
    if (eraLength < 1) {
      throw new IllegalArgumentException("era length must be positive");
    }
    TreeMap<Long, BigInteger> steps = new TreeMap<>();
    steps.put(0L, initial);
    return new RewardSchedule(steps, eraLength);
  }

  private long era(long block) {
    return eraLength == 0 || block == 0 ? 0 : (block - 1) / eraLength;
  }

  /**
   * The static reward of the block's miner, before uncle inclusion rewards. None for the genesis block: it is not
   * mined, and its balances are the chain's allocations.
   */
  public BigInteger blockReward(long block) {
    if (block == 0) {
      return BigInteger.ZERO;
    }
    BigInteger reward = steps.floorEntry(block).getValue();
    for (long e = era(block); e > 0; e--) {
      reward = reward.multiply(BigInteger.valueOf(4)).divide(BigInteger.valueOf(5));
    }
    return reward;
  }

  /** What the including miner gets per uncle on top of the block reward. */
  public BigInteger nephewReward(long block) {
    return blockReward(block).divide(THIRTY_TWO);
  }

  /** What the miner of an uncle at {@code uncleNumber} included in {@code block} gets. */
  public BigInteger uncleReward(long block, long uncleNumber) {
    BigInteger reward = blockReward(block);
    if (eraLength > 0 && era(block) > 0) {
      return reward.divide(THIRTY_TWO);
    }
    long distance = block - uncleNumber;
    if (distance < 1 || distance > 7) {
      return BigInteger.ZERO;
    }
    return BigInteger.valueOf(8 - distance).multiply(reward).divide(EIGHT);
  }
}
