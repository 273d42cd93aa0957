package org.openbds.bitcoin.generate;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;
import org.openbds.bitcoin.profile.ChainProfile;
import org.openbds.bitcoin.profile.ChainProfiles;
import org.openbds.bitcoin.profile.NetworkParameters;

/**
 * Settings of the {@link SyntheticChainGenerator}. Start from {@link #defaults(ChainProfile, Path)} and adjust with the
 * {@code withXxx} methods; the constructor validates every field ({@link ErrorCode#INVALID_CONFIG}).
 *
 * @param profile the chain; blocks use its {@code synthetic} network (regtest disk magic and addresses)
 * @param seed everything random derives from it: the same config gives byte-identical files
 * @param targetTransactions transactions to write, coinbases included; the chain ends exactly there (at least 1)
 * @param averageTransactionsPerBlock mean block size in transactions, coinbase included; each block draws uniformly
 *     from half to one and a half times it (default 2,000; 1 to 100,000)
 * @param outputDirectory where {@code blk*.dat}, {@code tally.properties} and {@code xor.dat} go; created if missing,
 *     and it must not already hold any of them
 * @param maxBlockFileBytes a block goes to a new file when the current one would reach this size, as in Bitcoin Core
 *     (default 128 MiB; at least 4 KiB)
 * @param reorderWindow 1 writes blocks in height order; n &gt; 1 shuffles each run of n consecutive heights, the way a
 *     node stores blocks in arrival order (children before parents, also across file boundaries). Genesis is always
 *     first. The blocks of a run wait in memory (with the default 2,000 transactions a block, about 1 MB each). Default
 *     1, at most 1,024 (Bitcoin Core's block download window)
 * @param xorObfuscation whether to obfuscate the block files as Bitcoin Core 28+ does: a random 8-byte key in
 *     {@code xor.dat}, each file byte at offset i XORed with key[i % 8]. Default off (no {@code xor.dat} at all)
 * @param segwit whether transactions may spend and create witness outputs; defaults to the profile's {@code segwit}
 *     and cannot be on for a chain without it (BCH, DOGE, BSV)
 * @param spendablePoolSize how many unspent outputs the generator keeps as candidates to spend; it bounds memory (48
 *     bytes each) and sets how far back spends reach. When full, a new output replaces the smaller of two random
 *     candidates, which then stays unspent for good. Default 500,000; 1,000 to 40,000,000
 */
public record GeneratorConfig(
    ChainProfile profile,
    long seed,
    long targetTransactions,
    int averageTransactionsPerBlock,
    Path outputDirectory,
    long maxBlockFileBytes,
    int reorderWindow,
    boolean xorObfuscation,
    boolean segwit,
    int spendablePoolSize,
    int hotAddressPercent) {

  public static final long DEFAULT_SEED = 1;
  public static final long DEFAULT_TARGET_TRANSACTIONS = 100_000;
  public static final int DEFAULT_AVERAGE_TRANSACTIONS_PER_BLOCK = 2_000;
  public static final long DEFAULT_MAX_BLOCK_FILE_BYTES = 128L * 1024 * 1024;
  public static final int DEFAULT_REORDER_WINDOW = 1;
  public static final int DEFAULT_SPENDABLE_POOL_SIZE = 500_000;
  public static final int MAX_REORDER_WINDOW = 1024;
  /** The pool is one array of 48-byte entries, which must stay below 2 GiB. */
  public static final int MAX_SPENDABLE_POOL_SIZE = 40_000_000;

  public GeneratorConfig {
    requireNonNull(profile, "profile is null");
    requireNonNull(outputDirectory, "outputDirectory is null");
    check(targetTransactions >= 1, "targetTransactions must be at least 1, got " + targetTransactions);
    check(
        averageTransactionsPerBlock >= 1 && averageTransactionsPerBlock <= 100_000,
        "averageTransactionsPerBlock must be 1 to 100,000, got " + averageTransactionsPerBlock);
    check(maxBlockFileBytes >= 4096, "maxBlockFileBytes must be at least 4096, got " + maxBlockFileBytes);
    check(
        reorderWindow >= 1 && reorderWindow <= MAX_REORDER_WINDOW,
        "reorderWindow must be 1 to " + MAX_REORDER_WINDOW + ", got " + reorderWindow);
    check(
        !segwit || profile.segwit(),
        "segwit cannot be on for " + profile.displayName() + ", which has no segregated witness");
    check(
        spendablePoolSize >= 1_000 && spendablePoolSize <= MAX_SPENDABLE_POOL_SIZE,
        "spendablePoolSize must be 1,000 to 40,000,000, got " + spendablePoolSize);
    check(hotAddressPercent >= 0 && hotAddressPercent <= 50, "hotAddressPercent must be 0 to 50, got " + hotAddressPercent);
  }

  /** The defaults for a chain, writing to {@code outputDirectory}. */
  public static GeneratorConfig defaults(ChainProfile profile, Path outputDirectory) {
    requireNonNull(profile, "profile is null");
    return new GeneratorConfig(
        profile,
        DEFAULT_SEED,
        DEFAULT_TARGET_TRANSACTIONS,
        DEFAULT_AVERAGE_TRANSACTIONS_PER_BLOCK,
        outputDirectory,
        DEFAULT_MAX_BLOCK_FILE_BYTES,
        DEFAULT_REORDER_WINDOW,
        false,
        profile.segwit(),
        DEFAULT_SPENDABLE_POOL_SIZE,
        0);
  }

  /** The {@code synthetic} network of the profile: regtest disk magic and address parameters. */
  public NetworkParameters network() {
    return profile.network(ChainProfiles.SYNTHETIC);
  }

  public GeneratorConfig withSeed(long value) {
    return new GeneratorConfig(profile, value, targetTransactions, averageTransactionsPerBlock, outputDirectory,
        maxBlockFileBytes, reorderWindow, xorObfuscation, segwit, spendablePoolSize, hotAddressPercent);
  }

  public GeneratorConfig withTargetTransactions(long value) {
    return new GeneratorConfig(profile, seed, value, averageTransactionsPerBlock, outputDirectory, maxBlockFileBytes,
        reorderWindow, xorObfuscation, segwit, spendablePoolSize, hotAddressPercent);
  }

  public GeneratorConfig withAverageTransactionsPerBlock(int value) {
    return new GeneratorConfig(profile, seed, targetTransactions, value, outputDirectory, maxBlockFileBytes,
        reorderWindow, xorObfuscation, segwit, spendablePoolSize, hotAddressPercent);
  }

  public GeneratorConfig withOutputDirectory(Path value) {
    return new GeneratorConfig(profile, seed, targetTransactions, averageTransactionsPerBlock, value,
        maxBlockFileBytes, reorderWindow, xorObfuscation, segwit, spendablePoolSize, hotAddressPercent);
  }

  public GeneratorConfig withMaxBlockFileBytes(long value) {
    return new GeneratorConfig(profile, seed, targetTransactions, averageTransactionsPerBlock, outputDirectory, value,
        reorderWindow, xorObfuscation, segwit, spendablePoolSize, hotAddressPercent);
  }

  public GeneratorConfig withReorderWindow(int value) {
    return new GeneratorConfig(profile, seed, targetTransactions, averageTransactionsPerBlock, outputDirectory,
        maxBlockFileBytes, value, xorObfuscation, segwit, spendablePoolSize, hotAddressPercent);
  }

  public GeneratorConfig withXorObfuscation(boolean value) {
    return new GeneratorConfig(profile, seed, targetTransactions, averageTransactionsPerBlock, outputDirectory,
        maxBlockFileBytes, reorderWindow, value, segwit, spendablePoolSize, hotAddressPercent);
  }

  public GeneratorConfig withSegwit(boolean value) {
    return new GeneratorConfig(profile, seed, targetTransactions, averageTransactionsPerBlock, outputDirectory,
        maxBlockFileBytes, reorderWindow, xorObfuscation, value, spendablePoolSize, hotAddressPercent);
  }

  /**
   * Pays this percentage of the payment outputs (change excluded) to one address, the chain's "exchange": an address
   * with a large share of all transactions, as explorers must serve. 0 (the default) has none and leaves the chain
   * exactly as without the setting.
   */
  public GeneratorConfig withHotAddressPercent(int value) {
    return new GeneratorConfig(profile, seed, targetTransactions, averageTransactionsPerBlock, outputDirectory,
        maxBlockFileBytes, reorderWindow, xorObfuscation, segwit, spendablePoolSize, value);
  }

  public GeneratorConfig withSpendablePoolSize(int value) {
    return new GeneratorConfig(profile, seed, targetTransactions, averageTransactionsPerBlock, outputDirectory,
        maxBlockFileBytes, reorderWindow, xorObfuscation, segwit, value, hotAddressPercent);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "generator: " + message);
    }
  }
}
