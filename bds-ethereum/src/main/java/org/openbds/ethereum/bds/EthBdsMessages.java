package org.openbds.ethereum.bds;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import org.openbds.api.BdsMessages;
import org.openbds.api.SourceBlock;
import org.openbds.ethereum.split.EthSplitter;

/**
 * The original BDS product's per-block messages for one Ethereum-family chain (docs/bds-messages.md): their envelope
 * and their splitter, which writes the rows of our own {@link EthSplitter}.
 */
public final class EthBdsMessages implements BdsMessages {
  private final EthBdsSplitter splitter;

  /** @param splitter the chain's own splitter; the messages' splitter shares its state */
  public EthBdsMessages(EthSplitter splitter) {
    this.splitter = new EthBdsSplitter(requireNonNull(splitter, "splitter is null"));
  }

  /** Reads {@code block.height}, {@code block.hash} and {@code block.parent_hash}. */
  @Override
  public SourceBlock envelope(byte[] document, String origin) {
    requireNonNull(document, "document is null");
    MessageFields f = new MessageFields(origin);
    JsonNode block = f.object(f.parse(document), "", "block");
    long height = f.longValue(block, "block", "height");
    return new SourceBlock(height, f.hash(block, "block", "hash"), f.hash(block, "block", "parent_hash"), document, origin);
  }

  @Override
  public EthBdsSplitter splitter() {
    return splitter;
  }
}
