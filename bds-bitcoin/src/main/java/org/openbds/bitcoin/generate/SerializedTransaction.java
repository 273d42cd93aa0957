package org.openbds.bitcoin.generate;

import static java.util.Objects.requireNonNull;

import org.openbds.api.Hash32;

/**
 * A transaction in consensus serialization with its identifiers. {@code bytes} is the BIP144 form (marker, flag and
 * witness stacks) when {@code hasWitness}, else the legacy form; {@code wtxid} equals {@code txid} without witness.
 * The array is not copied: treat it as read-only.
 */
public record SerializedTransaction(byte[] bytes, Hash32 txid, Hash32 wtxid, boolean hasWitness) {
  public SerializedTransaction {
    requireNonNull(bytes, "bytes is null");
    requireNonNull(txid, "txid is null");
    requireNonNull(wtxid, "wtxid is null");
  }
}
