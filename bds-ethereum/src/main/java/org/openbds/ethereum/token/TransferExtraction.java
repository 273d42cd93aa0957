package org.openbds.ethereum.token;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What one log yielded: its transfers, or why a log with a token event's topic was skipped. A log of any other event
 * yields neither. An ERC-1155 batch with empty arrays is a valid event that moved nothing: no transfers, not skipped.
 */
public record TransferExtraction(List<TokenTransfer> transfers, Optional<TransferSkipReason> skipped) {
  private static final TransferExtraction NONE = new TransferExtraction(List.of(), Optional.empty());

  public TransferExtraction {
    transfers = List.copyOf(transfers);
    requireNonNull(skipped, "skipped is null");
    if (skipped.isPresent() && !transfers.isEmpty()) {
      throw new IllegalArgumentException("a skipped log has no transfers");
    }
  }

  /** A log that is not a token event. */
  public static TransferExtraction none() {
    return NONE;
  }

  public static TransferExtraction of(List<TokenTransfer> transfers) {
    return new TransferExtraction(transfers, Optional.empty());
  }

  public static TransferExtraction skipped(TransferSkipReason reason) {
    return new TransferExtraction(List.of(), Optional.of(reason));
  }

  public boolean isSkipped() {
    return skipped.isPresent();
  }
}
