package org.openbds.core;

import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Settings of the block importer.
 *
 * @param decodeThreads threads decoding blocks in parallel (default: available processors less the two that resolve
 *     and write, at least one)
 * @param batchTransactions commit after at least this many transactions (default 500,000)
 * @param maxBatchBlocks commit after at most this many blocks even if the transaction count is not reached (default 5,000)
 * @param stopAfterHeight stop once this height is applied; -1 for no limit
 */
public record ImportConfig(int decodeThreads, int batchTransactions, int maxBatchBlocks, long stopAfterHeight) {
  public static final int DEFAULT_BATCH_TRANSACTIONS = 500_000;
  public static final int DEFAULT_MAX_BATCH_BLOCKS = 5_000;

  public ImportConfig {
    validate(decodeThreads, batchTransactions, maxBatchBlocks, stopAfterHeight);
  }

  public static ImportConfig defaults() {
    return new ImportConfig(
        Math.max(1, Runtime.getRuntime().availableProcessors() - 2), DEFAULT_BATCH_TRANSACTIONS, DEFAULT_MAX_BATCH_BLOCKS, -1);
  }

  public ImportConfig withDecodeThreads(int threads) {
    return new ImportConfig(threads, batchTransactions, maxBatchBlocks, stopAfterHeight);
  }

  public ImportConfig withBatchTransactions(int transactions) {
    return new ImportConfig(decodeThreads, transactions, maxBatchBlocks, stopAfterHeight);
  }

  public ImportConfig withMaxBatchBlocks(int blocks) {
    return new ImportConfig(decodeThreads, batchTransactions, blocks, stopAfterHeight);
  }

  public ImportConfig withStopAfterHeight(long height) {
    return new ImportConfig(decodeThreads, batchTransactions, maxBatchBlocks, height);
  }

  private static void validate(int threads, int batchTx, int batchBlocks, long stopAfter) {
    if (threads < 1 || threads > 256) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "decode threads must be 1..256, got " + threads);
    }
    if (batchTx < 1) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "batch transactions must be positive, got " + batchTx);
    }
    if (batchBlocks < 1) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "max batch blocks must be positive, got " + batchBlocks);
    }
    if (stopAfter < -1) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "stop-after height must be -1 or a height, got " + stopAfter);
    }
  }
}
