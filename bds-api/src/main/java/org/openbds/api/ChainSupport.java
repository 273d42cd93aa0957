package org.openbds.api;

import java.nio.file.Path;
import java.util.OptionalLong;

/** What a chain family offers for one chain and network: its splitter and its sources. */
public interface ChainSupport {
  ChainId chain();

  String network();

  /** Name of the chain's base unit (satoshi, litoshi, wei…). */
  String unit();

  BlockSplitter<? extends DecodedBlock> splitter();

  /**
   * A source reading the node's block files at {@code path}.
   *
   * @param startHeight height of the first block when the files hold a segment without genesis
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} when the family has no block files
   */
  BlockSource blockFiles(Path path, OptionalLong startHeight);

  /**
   * A source reading the best chain of a running node, for live sync.
   *
   * @throws BdsException {@link ErrorCode#INVALID_ARGUMENT} for a malformed URL, {@link ErrorCode#INVALID_CONFIG} for
   *     unreadable credentials
   */
  NodeSource node(NodeSettings settings);

  /** Reconciliation of the warehouse with a running node's own answers. */
  Reconciler reconciler(NodeSettings settings);

  /** The original BDS product's per-block JSON messages for this chain, when the family reads them. */
  default java.util.Optional<BdsMessages> bdsMessages() {
    return java.util.Optional.empty();
  }
}
