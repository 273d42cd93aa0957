package org.openbds.bitcoin.regtest;

import static java.util.Objects.requireNonNull;

import org.openbds.api.Hash32;

/** A block {@link BulkChainBuilder} had the node mine: its hash and height, our transactions in it and their weight. */
public record BulkBlock(Hash32 hash, long height, int transactions, long transactionWeight) {
  public BulkBlock {
    requireNonNull(hash, "hash is null");
  }
}
