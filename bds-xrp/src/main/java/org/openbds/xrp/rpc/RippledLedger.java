package org.openbds.xrp.rpc;

import static java.util.Objects.requireNonNull;

import org.openbds.api.Hash32;

/**
 * A {@code ledger} answer, its header decoded and its {@code result} object kept as the bytes the node sent.
 *
 * @param index the ledger index
 * @param hash the ledger's hash
 * @param parent the hash of the ledger before
 * @param validated whether the server answered it as validated by the network (only those are final)
 * @param result the {@code result} object exactly as received, UTF-8
 */
public record RippledLedger(long index, Hash32 hash, Hash32 parent, boolean validated, byte[] result) {
  public RippledLedger {
    requireNonNull(hash, "hash is null");
    requireNonNull(parent, "parent is null");
    requireNonNull(result, "result is null");
  }
}
