package org.openbds.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.openbds.api.BdsException;
import org.openbds.api.ErrorCode;

/**
 * Settings of live sync.
 *
 * @param confirmations apply a block only once this many blocks sit on top of it (0: apply the node's tip at once);
 *     reorgs shallower than this never reach the warehouse
 * @param startHeight the first height to sync when the warehouse holds nothing of the chain yet (default 0, genesis)
 * @param exitAtTip stop once the warehouse has reached the node's tip (less the confirmations) instead of following it
 * @param tipWait how long one wait for a new block may last before the node is asked again (bounds how late a reorg
 *     that shortens the node's chain, or a stop request, is noticed)
 * @param importConfig how blocks are decoded, batched and committed
 */
public record SyncConfig(int confirmations, long startHeight, boolean exitAtTip, Duration tipWait, ImportConfig importConfig) {
  public SyncConfig {
    requireNonNull(tipWait, "tipWait is null");
    requireNonNull(importConfig, "importConfig is null");
    if (confirmations < 0 || confirmations > 1_000_000) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "confirmations must be 0..1000000, got " + confirmations);
    }
    if (startHeight < 0) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "start height must not be negative, got " + startHeight);
    }
    if (tipWait.toMillis() < 10 || tipWait.toSeconds() > 600) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "tip wait must be between 10 ms and 600 s, got " + tipWait);
    }
    if (importConfig.stopAfterHeight() >= 0) {
      throw new BdsException(ErrorCode.INVALID_CONFIG, "live sync has no stop height; use exitAtTip");
    }
  }

  public static SyncConfig defaults() {
    return new SyncConfig(0, 0, false, Duration.ofSeconds(1), ImportConfig.defaults());
  }

  public SyncConfig withConfirmations(int blocks) {
    return new SyncConfig(blocks, startHeight, exitAtTip, tipWait, importConfig);
  }

  public SyncConfig withStartHeight(long height) {
    return new SyncConfig(confirmations, height, exitAtTip, tipWait, importConfig);
  }

  public SyncConfig withExitAtTip(boolean exit) {
    return new SyncConfig(confirmations, startHeight, exit, tipWait, importConfig);
  }

  public SyncConfig withTipWait(Duration wait) {
    return new SyncConfig(confirmations, startHeight, exitAtTip, wait, importConfig);
  }

  public SyncConfig withImportConfig(ImportConfig config) {
    return new SyncConfig(confirmations, startHeight, exitAtTip, tipWait, config);
  }
}
